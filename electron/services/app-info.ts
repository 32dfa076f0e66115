import type { AppInfo } from '../api/contract.ts';

export interface AppIdentity {
  name: string;
  version: string;
  host: AppInfo['host'];
}

export function appInfo(identity: AppIdentity, dataDir: string): AppInfo {
  const versions = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    name: identity.name,
    version: identity.version,
    host: identity.host,
    dataDir,
    platform: process.platform,
    arch: process.arch,
    runtime: {
      node: versions.node,
      ...(versions.electron ? { electron: versions.electron } : {}),
      ...(versions.chrome ? { chrome: versions.chrome } : {}),
    },
  };
}
