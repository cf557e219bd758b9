/**
 * Shopper events that arrive over HTTP: validated all-or-nothing, then produced durably to {@code
 * interactions}, keyed by userId so each shopper's events stay in order.
 */
package dev.recsys.index.events;
