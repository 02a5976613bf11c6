// The datastore calls of a Python action (`self.action_service`), answered from the runtime's store. Names are
// StackStorm's: a local key is `<pack>.<ActionClass>:<name>`, where the pack is the execution's (the action cannot
// choose it); only the system scope exists for actions, as in StackStorm; secret values are masked unless the call
// asks to decrypt.
import type { ActionDatastore, ActionKvRecord } from '../types.ts';

export const MASK = '********';

export interface DatastoreCallContext {
  datastore: ActionDatastore | undefined;
  pack: string;
  user: string;
}

type Params = Record<string, unknown>;

class CallError extends Error {}

const text = (params: Params, key: string): string => {
  const value = params[key];
  if (typeof value !== 'string') throw new CallError(`${key} must be a string`);
  return value;
};

/** StackStorm's `_get_full_key_name`: local names are prefixed with `<pack>.<ActionClass>:`. */
export function fullKeyName(pack: string, className: unknown, name: string, local: boolean): string {
  return local ? `${localPrefix(pack, className)}${name}` : name;
}

function localPrefix(pack: string, className: unknown): string {
  if (typeof className !== 'string' || className === '') throw new CallError('class_name must be a string');
  return `${pack}.${className}:`;
}

const view = (record: ActionKvRecord, decrypt: boolean): Record<string, unknown> => ({
  name: record.name,
  value: record.secret && !decrypt ? MASK : record.value,
  scope: 'st2kv.system',
  secret: record.secret,
  ...(record.expire_timestamp !== undefined ? { expire_timestamp: record.expire_timestamp } : {}),
});

async function listValues(store: ActionDatastore, context: DatastoreCallContext, params: Params): Promise<unknown> {
  const given = params['prefix'];
  if (given !== null && given !== undefined && typeof given !== 'string')
    throw new CallError('prefix must be a string');
  const prefix =
    params['local'] === false ? (given ?? '') : `${localPrefix(context.pack, params['class_name'])}${given ?? ''}`;
  const offset = typeof params['offset'] === 'number' && params['offset'] > 0 ? Math.floor(params['offset']) : 0;
  const limit = typeof params['limit'] === 'number' && params['limit'] > 0 ? Math.floor(params['limit']) : undefined;
  const items = (await store.list({ scope: 'system' }))
    .filter((r) => r.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return items.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => view(r, false));
}

async function dispatch(
  store: ActionDatastore,
  context: DatastoreCallContext,
  method: string,
  params: Params,
): Promise<unknown> {
  const local = params['local'] !== false;
  switch (method) {
    case 'get_value': {
      const name = fullKeyName(context.pack, params['class_name'], text(params, 'name'), local);
      const record = await store.get(name, { scope: 'system' });
      return record ? view(record, params['decrypt'] === true)['value'] : null;
    }
    case 'set_value': {
      const name = fullKeyName(context.pack, params['class_name'], text(params, 'name'), local);
      const ttl = params['ttl'];
      if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0))
        throw new CallError('ttl must be a positive whole number of seconds');
      await store.set({
        name,
        value: text(params, 'value'),
        scope: 'system',
        secret: params['encrypt'] === true,
        ...(ttl !== undefined ? { ttlSeconds: ttl } : {}),
      });
      return true;
    }
    case 'delete_value':
      return store.delete(fullKeyName(context.pack, params['class_name'], text(params, 'name'), local), {
        scope: 'system',
      });
    case 'list_values':
      return listValues(store, context, params);
    default:
      throw new CallError(`unknown call ${method}`);
  }
}

/** Answers one call; a failure is the error text the Python side raises. */
export async function answerDatastoreCall(
  context: DatastoreCallContext,
  method: string,
  params: Params,
): Promise<{ result: unknown } | { error: string }> {
  if (method === 'get_user_info')
    return {
      result: {
        username: context.user,
        authentication: { method: 'authentication token', location: 'header' },
        rbac: { enabled: false, roles: [], is_admin: true },
      },
    };
  if (!context.datastore) return { error: 'the datastore is not available to this execution' };
  try {
    return { result: await dispatch(context.datastore, context, method, params) };
  } catch (error) {
    return { error: error instanceof CallError ? error.message : `datastore: ${(error as Error).message}` };
  }
}
