// StackStorm's marker for `use_none`: the string cast turns it back into None (st2common/constants/jinja.py... NONE_MAGIC_VALUE).
export const NONE_MAGIC_VALUE = '%*****__%NONE%__*****%';
