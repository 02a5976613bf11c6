// Diagnostic codes of the pack stage. Codes are stable: never rename one, only deprecate it.
import type { CodeDefinition } from '../types.ts';

export const packCodes = {
  RULES_E_YAML_SYNTAX: {
    severity: 'error',
    title: 'YAML syntax error',
    description:
      "The file is not YAML that StackStorm's loader reads: PyYAML with libyaml (CSafeLoader, YAML 1.1) stops with a ScannerError/ParserError/ComposerError, or the file holds a control character. `st2ctl reload` logs it and goes on without the resource. One error per file, where the loader stopped.",
  },
  RULES_E_YAML_INDENTATION: {
    severity: 'error',
    title: 'YAML indentation is wrong',
    description:
      "A line is indented differently from the entries it belongs with (`indented 6 spaces, its siblings 4`), or a tab is used for indentation. StackStorm's PyYAML refuses the whole file; the diagnostic points at the offending line, not at the token after it where the parser gives up.",
  },
  RULES_E_YAML_VALUE: {
    severity: 'error',
    title: 'YAML value PyYAML cannot build',
    description:
      "The file parses, but PyYAML's SafeLoader (which StackStorm uses) cannot construct a value, so StackStorm fails to load the whole file: an impossible YAML 1.1 timestamp (`2020-13-45` unquoted reads as a date), a tag SafeLoader does not know (`!foo`, `!!python/...`), an unquoted `=` or `<<` used as a value, a merge key (`<<`) whose value is not a mapping, a list or mapping used as a key, an explicit tag whose text does not fit (`!!int abc`, `!!binary` with bad padding). Also documents this runtime refuses to stay safe: an alias inside the collection it names (recursive), aliases expanding past 1,000,000 nodes, nesting deeper than 1,000 levels.",
  },
  RULES_E_YAML_DUPLICATE_KEY: {
    severity: 'error',
    title: 'Duplicate mapping key',
    description:
      "A mapping has the same key twice (`1`, `1.0` and `true` are the same key, as in Python). StackStorm's PyYAML SafeLoader silently keeps the last value, which hides mistakes (a second `criteria:` block replaces the first). The file is still loaded with the last value, as StackStorm does, so the rest of the pack is checked as StackStorm sees it. Remove one of them.",
  },
  RULES_E_PACK_ROOT_MISSING: {
    severity: 'error',
    title: 'Pack base path does not exist',
    description:
      'A path given with --packs or RULES_PACKS is not a directory. StackStorm skips base paths that do not exist, so nothing from it would be registered.',
  },
  RULES_E_PACK_FILE_OUTSIDE: {
    severity: 'error',
    title: 'Pack file is a link out of the pack root',
    description:
      'A pack file (or a folder or pack directory on its path) is a symbolic link that resolves outside the pack base path. Pack files come from pull requests: `ln -s /etc/shadow packs/p/rules/x.yaml` would otherwise print that file in code frames, CI logs and `/v1/status`. The file is not read and no code frame is shown. StackStorm follows the link.',
  },
  RULES_E_PACK_FILE_NOT_REGULAR: {
    severity: 'error',
    title: 'Pack file is not a regular file',
    description:
      'A `*.yaml` entry is a FIFO, a device, a socket or a directory reached through a link. Reading a FIFO waits for a writer for ever and a link to /dev/zero never ends; the entry is refused without being read, by the compiler and the watcher alike. StackStorm would hang or read it.',
  },
  RULES_E_PACK_FILE_TOO_LARGE: {
    severity: 'error',
    title: 'Pack file is over the size limit',
    description:
      'A pack file is larger than the limit (default 1 MiB; `--max-file-bytes` of `rules compile` and `rules serve`, `RULES_MAX_FILE_BYTES`, config `maxFileBytes`). It is not read: a 100 MB rule file took 29 s and 3.4 GB to parse. StackStorm has no limit.',
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
