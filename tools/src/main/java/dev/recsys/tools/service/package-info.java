/**
 * Clients of a running index service, each a {@code ./recsys} command: {@link
 * dev.recsys.tools.service.ReindexCli} ({@code reindex}), {@link dev.recsys.tools.service.LoadTool}
 * ({@code load}) and {@link dev.recsys.tools.service.FreshnessProbe} ({@code freshness}). The rendering of
 * progress and reports is done by pure functions that tests call.
 */
package dev.recsys.tools.service;
