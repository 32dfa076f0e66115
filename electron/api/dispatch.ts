/**
 * Validates a call against the contract and runs its handler. Both hosts go through here,
 * so argument checking and error shapes are identical over IPC and HTTP.
 */
import { api, isApiName, type ApiName, type ApiParsedArgs, type ApiResult } from './contract.ts';
import { ApiError } from './errors.ts';
import { checkArgumentShape } from './nesting.ts';

export type Handlers = {
  [K in ApiName]: (args: ApiParsedArgs<K>) => Promise<ApiResult<K>> | ApiResult<K>;
};

export type Dispatch = (name: unknown, args: unknown) => Promise<unknown>;

/** zod's safeParse, except that a transform or refinement that throws is a BAD_ARGUMENTS too. */
function safeParse(name: ApiName, args: unknown) {
  try {
    return api[name].args.safeParse(args);
  } catch (error) {
    throw new ApiError('BAD_ARGUMENTS', `Bad arguments for ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function createDispatcher(handlers: Handlers): Dispatch {
  return async (name, args) => {
    if (!isApiName(name)) {
      throw new ApiError('UNKNOWN_CALL', `Unknown call ${JSON.stringify(String(name)).slice(0, 80)}`);
    }
    // Before zod and the validators: they walk arguments recursively.
    checkArgumentShape(args);
    const parsed = safeParse(name, args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
        .join('; ');
      throw new ApiError('BAD_ARGUMENTS', `Bad arguments for ${name}: ${issues}`);
    }
    const handler = handlers[name] as (args: unknown) => unknown;
    return await handler(parsed.data);
  };
}
