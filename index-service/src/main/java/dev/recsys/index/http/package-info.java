/**
 * The JSON HTTP API on Jetty's core server (no servlets, no framework; one virtual thread per request).
 * One small class per endpoint reads and validates parameters, calls a model class and writes JSON;
 * {@link dev.recsys.index.http.ApiHandler} is the one place where failures become answers: an {@link
 * dev.recsys.index.http.ApiException} carries its status, error code and the field at fault, and the model
 * classes' own failures (an invalid request, no live catalog yet) get theirs there. This package depends on
 * the model packages, never the other way round. Requests the
 * server rejects before any endpoint get the same error body from {@link
 * dev.recsys.index.http.JsonErrorHandler}.
 */
package dev.recsys.index.http;
