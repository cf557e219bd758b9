/**
 * Simulated shoppers for the demo: believable, seeded interaction streams so feeds personalise
 * without a storefront.
 */
package dev.recsys.index.demo;
