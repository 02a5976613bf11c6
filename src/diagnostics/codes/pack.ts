// Diagnostic codes of the pack stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const packCodes = {
  RULES_E_YAML_SYNTAX: {
    severity: 'error',
    title: 'YAML syntax error',
    description:
      'The file is not valid YAML 1.1. StackStorm (PyYAML) fails to register the whole file with a ScannerError/ParserError; `st2ctl reload` logs it and goes on without the resource.',
  },
  RULES_E_YAML_DUPLICATE_KEY: {
    severity: 'error',
    title: 'Duplicate mapping key',
    description:
      "A mapping has the same key twice. StackStorm's PyYAML SafeLoader silently keeps the last value, which hides mistakes (a second `criteria:` block replaces the first). Remove one of them.",
  },
  RULES_E_PACK_ROOT_MISSING: {
    severity: 'error',
    title: 'Pack base path does not exist',
    description:
      'A path given with --packs or RULES_PACKS is not a directory. StackStorm skips base paths that do not exist, so nothing from it would be registered.',
  },
  RULES_E_PACK_ROOT_EMPTY: {
    severity: 'error',
    title: 'Pack base path holds no pack',
    description:
      'A base path given with --packs or RULES_PACKS contains no directory with pack.yaml, so nothing would be checked: a green build that checked nothing. StackStorm registers nothing from it. A base path that is itself a pack (an Exchange repository checked out alone, `--packs .`) is accepted as that one pack.',
  },
  RULES_E_PACK_MANIFEST_MISSING: {
    severity: 'error',
    title: 'Pack directory without pack.yaml',
    description:
      'A directory of a base path has `actions/`, `rules/`, `sensors/` or `triggers/` but no pack.yaml. StackStorm 3.x\'s registrars refuse it: `Pack "<dir>" is missing pack.yaml file` (st2common/util/pack.py get_pack_metadata), and none of its content is registered.',
  },
  RULES_E_PACK_REF_INVALID: {
    severity: 'error',
    title: 'Pack ref cannot be derived',
    description:
      'StackStorm derives the pack ref from `ref`, else the directory name, else `name`, each only if it matches `^[a-z0-9_]+$` (common/util/pack.py get_pack_ref_from_metadata); otherwise it refuses to register the pack. Add a valid `ref:` to pack.yaml.',
  },
  RULES_E_PACK_NAME_RESERVED: {
    severity: 'error',
    title: 'Reserved pack name',
    description:
      "`_global` is reserved: StackStorm uses `overrides/_global.yaml` for every pack. The pack is ignored. (`core` and `packs` are StackStorm's own packs: a copy of them in a pack root is loaded and replaces the built-in definitions of the same actions.)",
  },
  RULES_W_PACK_SHADOWED: {
    severity: 'warning',
    title: 'Pack shadowed by an earlier base path',
    description:
      'Two base paths contain a pack with the same ref. StackStorm registers the one from the first base path and ignores the other; so do we.',
  },
  RULES_E_PACK_FIELD_MISMATCH: {
    severity: 'error',
    title: '`pack` field differs from the pack directory',
    description:
      'A rule, action or trigger type sets `pack:` to something other than the directory it lives in. StackStorm\'s registrars reject it: `Model is in pack "<dir>" but field "pack" is different: <value>`.',
  },
  RULES_E_OVERRIDE_INVALID: {
    severity: 'error',
    title: 'Invalid pack override',
    description:
      "Files in `<base>/overrides/` (`_global.yaml`, `<pack>.yaml`) may only override `enabled` (a boolean) under `defaults` or `exceptions.<name>`. StackStorm's OverrideLoader ignores anything else.",
  },
  RULES_E_PACK_CONFIG_REQUIRED: {
    severity: 'error',
    title: 'Pack config misses a required key',
    description:
      'configs/<pack>.yaml lacks a key that the pack\'s config.schema.yaml marks `required: true`. StackStorm refuses to register the config ("Failed validating config for pack ..."), and actions reading config_context fail.',
  },
  RULES_E_PACK_CONFIG_INVALID: {
    severity: 'error',
    title: 'Pack config value does not match config.schema.yaml',
    description:
      "A value in configs/<pack>.yaml has the wrong type or is not one of the allowed values of the pack's config.schema.yaml. StackStorm refuses to register the config.",
  },
} satisfies Record<string, CodeDefinition>;
