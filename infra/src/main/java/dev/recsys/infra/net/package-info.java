/** Local TCP ports: picking free ones for brokers started by tests, checking that one is free. */
package dev.recsys.infra.net;
