import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';

const Account = Type.Object({ login: Type.String({ minLength: 1 }), type: Type.Optional(Type.String()) });
const Label = Type.Object({ name: Type.String() });

/** The parts of an `issues` webhook the front reads; GitHub sends much more, which is kept as is. */
export const IssuesPayloadSchema = Type.Object({
  action: Type.String({ minLength: 1 }),
  issue: Type.Object({
    number: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    body: Type.Union([Type.String(), Type.Null()]),
    labels: Type.Optional(Type.Array(Label)),
    user: Type.Union([Account, Type.Null()]),
    created_at: Type.Optional(Type.String()),
    performed_via_github_app: Type.Optional(Type.Union([Type.Object({ id: Type.Integer() }), Type.Null()])),
  }),
  label: Type.Optional(Label),
  repository: Type.Object({
    id: Type.Integer(),
    name: Type.String({ minLength: 1 }),
    private: Type.Boolean(),
    owner: Account,
  }),
  sender: Account,
  installation: Type.Optional(Type.Object({ id: Type.Integer({ minimum: 1 }) })),
});

export type IssuesPayload = Static<typeof IssuesPayloadSchema>;

export const issuesPayload = Compile(IssuesPayloadSchema);

/** `installation` and `installation_repositories` events: counted and logged. */
export const InstallationPayloadSchema = Type.Object({
  action: Type.String(),
  installation: Type.Object({ id: Type.Integer(), account: Type.Optional(Type.Union([Account, Type.Null()])) }),
  sender: Account,
});

export const installationPayload = Compile(InstallationPayloadSchema);
