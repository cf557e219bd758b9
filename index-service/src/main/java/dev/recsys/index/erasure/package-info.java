/**
 * Erasing a shopper: {@link dev.recsys.index.erasure.ShopperEraser} records the erasure durably on the
 * compacted {@code erasures} topic ({@link dev.recsys.index.erasure.ErasurePublisher}) and then erases
 * the shopper from this service at once; {@link dev.recsys.index.erasure.ErasureConsumer} reads the
 * topic from the beginning and follows it, so every replica, and this one after a restart, knows every
 * erasure before it serves shopper vectors. The stream job and training read the same topic.
 */
package dev.recsys.index.erasure;
