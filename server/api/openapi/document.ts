// The shapes of the OpenAPI 3.1 document and the small builders every part of it uses
// (server/api/openapi.ts assembles the parts: problems, courses, applications, staff).
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Schema = { [key: string]: Json };

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  schema: Schema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { required: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref: string } | { description: string; headers?: Record<string, { description: string; schema: Schema }>; content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; license: { name: string; identifier?: string; url?: string } };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Partial<Record<'get' | 'post', Operation>>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, { description: string; headers?: Record<string, { description: string; schema: Schema }>; content: Record<string, { schema: Schema }> }>;
    securitySchemes: Record<string, Schema>;
  };
}

export type Paths = OpenApiDocument['paths'];

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (schema: Schema) => ({ 'application/json': { schema } });
export const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
export const nullable = (type: string, extra: Schema = {}): Schema => ({ type: [type, 'null'], ...extra });
export const date: Schema = { type: 'string', format: 'date' };
export const minor: Schema = { type: 'integer', description: 'Amount in minor units of `currency` by ISO 4217 (cents for USD, yen for JPY, fils for KWD).' };

// Every operation says who may call it (Redocly's security-defined rule): `[]` is anyone;
// `{}` among the alternatives makes the session cookie optional.
export const security = {
  open: [] as Operation['security'],
  sessionOptional: [{}, { sessionCookie: [] }] as Operation['security'],
  staff: [{ bearerToken: [] }] as Operation['security'],
};
