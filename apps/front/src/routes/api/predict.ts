import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { REPO_NAME_PATTERN } from '@labelbot/rollout';
import { Type } from 'typebox';
import { ErrorResponseSchema } from '../../schemas/error-response.js';

const PredictBody = Type.Object({
  title: Type.String({ maxLength: 1024 }),
  body: Type.Optional(Type.String({ maxLength: 262_144 })),
  repo: Type.Optional(Type.String({ pattern: REPO_NAME_PATTERN })),
});

const PredictResponse = Type.Object({
  model: Type.String(),
  scores: Type.Record(Type.String(), Type.Number()),
  labels: Type.Array(Type.String()),
});

/** `POST /api/predict`: the generic model's scores and labels for one issue text (rate-limited). */
const predict: FastifyPluginAsyncTypebox = async (fastify) => {
  const { front } = fastify;
  fastify.post(
    '/predict',
    {
      config: { rateLimit: { max: front.config.predictRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        body: PredictBody,
        response: { 200: PredictResponse, 400: ErrorResponseSchema, 429: ErrorResponseSchema },
      },
    },
    async (request) => {
      const { manifest } = front.model;
      const [prediction] = await front.model.predict([{ title: request.body.title, body: request.body.body ?? '' }]);
      if (!prediction) throw new Error('the generic model returned no prediction');
      return { model: `${manifest.name}@${manifest.version}`, scores: prediction.scores, labels: prediction.labels };
    },
  );
};

export default predict;
