/**
 * The index service as a process: {@link dev.recsys.index.ServiceMain} reads {@link
 * dev.recsys.index.ServiceConfig} from the command line and runs {@link dev.recsys.index.IndexService},
 * which wires the catalog, the shopper vectors, the event publisher and the HTTP API together and
 * decides readiness. The logic lives in the topic packages; this one only assembles them.
 */
package dev.recsys.index;
