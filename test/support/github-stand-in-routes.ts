import { issueRoutes } from './github-stand-in-issue-routes.js';
import { appAndRepoRoutes } from './github-stand-in-repo-routes.js';
import { createRouteKit, type Route, type RouteEnv } from './github-stand-in-route-kit.js';

export {
  HttpFailure,
  type Route,
  type RouteEnv,
  type RouteReply,
  type RouteRequest,
  type StandInWrite,
} from './github-stand-in-route-kit.js';

/** Every route the stand-in serves, in Octokit's route notation. */
export function createRoutes(env: RouteEnv): Route[] {
  const kit = createRouteKit(env);
  return [...appAndRepoRoutes(env, kit), ...issueRoutes(env, kit)];
}
