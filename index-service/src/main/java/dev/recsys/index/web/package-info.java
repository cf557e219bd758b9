/**
 * The pages a person uses in a browser: the storefront at {@code /} and the operator console at {@code
 * /console}, with their scripts, styles and the console's chart library, all read from the jar at start
 * ({@link dev.recsys.index.web.WebAssets}) and served by {@link dev.recsys.index.http.WebEndpoint}. The pages
 * call the same JSON API as any client; nothing they load comes from another host.
 */
package dev.recsys.index.web;
