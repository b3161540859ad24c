import { Type } from 'typebox';

/** The body of every 4xx/5xx answer (the error handler's shape). */
export const ErrorResponseSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});
