package org.guarantor.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The API described: the OpenAPI 3.1 document ({@code GET /api/v1/openapi.json}) and swagger-ui
 * over it ({@code GET /api/docs}), from the {@code org.webjars:swagger-ui} WebJar this server
 * bundles, so it works with no network and within {@link SecurityHeaders}' policy (its start-up
 * script is a file of its own, not inline). Both are public: the description holds no party's data.
 * Immutable and thread-safe.
 */
final class ApiDocs {
  /** The swagger-ui WebJar's version (its files are served under /webjars/swagger-ui/…). */
  static final String SWAGGER_UI = "5.35.0";

  private final String document = resource("openapi.json");
  private final String page = resource("api-docs.html").replace("@SWAGGER_UI@", SWAGGER_UI);

  void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(document);
  }

  void page(Context ctx) {
    ctx.status(200).contentType("text/html; charset=utf-8").result(page);
  }

  /** The OpenAPI document's text, as served. */
  String document() {
    return document;
  }

  private static String resource(String name) {
    try (InputStream in = ApiDocs.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + name, e);
    }
  }
}
