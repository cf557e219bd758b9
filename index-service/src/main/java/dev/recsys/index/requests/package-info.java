/**
 * What a request may be refused for, independent of how it arrived: the model classes ({@code feed},
 * {@code search}) validate their typed requests with {@link
 * dev.recsys.index.requests.InvalidRequestException}, and the HTTP layer, which depends on them and not
 * the other way round, turns it into its JSON error.
 */
package dev.recsys.index.requests;
