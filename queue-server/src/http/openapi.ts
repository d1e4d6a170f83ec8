import { ERROR_CODES, type RouteSpec } from "@motcua/protocol";
import { z } from "zod";

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" });

const ErrorBody = z.object({ ok: z.literal(false), code: z.enum(ERROR_CODES), message: z.string() });

/** The OpenAPI document, generated from the same route table and protocol schemas the server runs on. */
export function openApiDocument(routes: Record<string, RouteSpec>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [operationId, r] of Object.entries(routes)) {
    const path = "/api" + r.path.replace(/:([A-Za-z]+)/g, "{$1}");
    const params: Record<string, unknown>[] = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const query = r.query ? (jsonSchema(r.query, "input") as { properties?: Record<string, unknown>; required?: string[] }) : null;
    for (const [name, schema] of Object.entries(query?.properties ?? {})) {
      params.push({ name, in: "query", required: query!.required?.includes(name) ?? false, schema });
    }
    const responses: Record<string, unknown> = {
      [String(r.status)]: {
        description: "Success",
        ...(r.response ? { content: { "application/json": { schema: jsonSchema(r.response, "output") } } } : {}),
        ...(r.file ? { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } } : {}),
      },
    };
    if (r.mayBeEmpty) responses["204"] = { description: "Nothing to return (nobody is waiting)" };
    const error = { content: { "application/json": { schema: jsonSchema(ErrorBody, "output") } } };
    if (r.body) responses["400"] = { description: "Invalid body; the message names the field", ...error };
    if (r.roles !== "public") {
      responses["401"] = { description: "No or invalid credentials", ...error };
      responses["403"] = { description: "Role may not do this", ...error };
    }
    if (params.length) responses["404"] = { description: "Unknown id", ...error };
    if (r.limit) responses["429"] = { description: "Too many requests", ...error };
    (paths[path] ??= {})[r.method] = {
      operationId,
      summary: r.summary,
      ...(r.roles === "public" ? { security: [] } : { "x-roles": r.roles }),
      ...(params.length ? { parameters: params } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(r.body, "input") } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "motcua queue-server API",
      version: "0.1.0",
      description:
        "Queue, kiosk and display system for one-stop public-administration service centers. " +
        "Authenticate with a device key or a session token (POST /api/session) as 'Authorization: Bearer …'.",
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    security: [{ bearer: [] }],
    paths,
  };
}
