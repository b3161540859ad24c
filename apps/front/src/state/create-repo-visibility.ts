import { LRUCache } from 'lru-cache';

/** What events showed of repository visibility, so public pages name only repositories seen public. */
export interface RepoVisibility {
  observe(fullName: string, isPrivate: boolean): void;
  isKnownPublic(fullName: string): boolean;
}

export function createRepoVisibility(max: number): RepoVisibility {
  const seen = new LRUCache<string, boolean>({ max });
  return {
    observe: (fullName, isPrivate) => void seen.set(fullName.toLowerCase(), isPrivate),
    isKnownPublic: (fullName) => seen.get(fullName.toLowerCase()) === false,
  };
}
