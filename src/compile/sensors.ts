// Trigger types declared by sensors (issue 14): StackStorm's sensors registrar reads every sensors/*.yaml and
// registers each `trigger_types` entry as the trigger type <pack>.<name>, whether the sensor is enabled or not
// (st2common/models/utils/sensor_type_utils.py to_sensor_db_model → create_trigger_types; only name, description,
// payload_schema, parameters_schema and tags are read: st2common/services/triggers.py _add_trigger_models).
// Rules on them are valid, and instances of them arrive through the generic `st2` webhook.
import type { Diagnostic } from '../diagnostics/index.ts';
import type { LoadedFile } from '../pack/index.ts';
import { validateDocument } from '../schema/index.ts';
import type { TriggerTypeModel } from '../model/index.ts';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The trigger types of one sensor file of pack `ref`; schema problems go to `diagnostics`. */
export function sensorTriggerTypes(
  file: LoadedFile,
  doc: Record<string, unknown>,
  ref: string,
  diagnostics: Diagnostic[],
): TriggerTypeModel[] {
  diagnostics.push(...validateDocument('sensor', doc, file.source));
  const entries = Array.isArray(doc['trigger_types']) ? doc['trigger_types'] : [];
  const out: TriggerTypeModel[] = [];
  for (const entry of entries) {
    if (!isObj(entry) || typeof entry['name'] !== 'string' || entry['name'] === '') continue;
    const name = entry['name'];
    out.push({
      ref: `${ref}.${name}`,
      pack: ref,
      name,
      ...(typeof entry['description'] === 'string' ? { description: entry['description'] } : {}),
      payloadSchema: isObj(entry['payload_schema']) ? entry['payload_schema'] : {},
      parametersSchema: isObj(entry['parameters_schema']) ? entry['parameters_schema'] : {},
      system: false,
      file: file.file,
      source: file.source,
    });
  }
  return out;
}
