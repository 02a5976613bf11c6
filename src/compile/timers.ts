// Timer trigger parameters checked as StackStorm does (issue 14, point 8). CronTimer: at rule creation,
// st2common/validators/api/reactor.py validate_trigger_parameters builds APScheduler's CronTrigger(**parameters),
// whose errors refuse the rule (src/compile/cron.ts). IntervalTimer and DateTimer: the timer service
// (st2reactor/timer/base.py St2Timer._add_job_to_scheduler) builds IntervalTrigger(<unit>=delta, timezone) and
// DateTrigger(dateutil.parser.parse(date), timezone); an error there means the rule never fires, so it is refused too.
import type { Diagnostic } from '../diagnostics/index.ts';
import type { RuleModel } from '../model/index.ts';
import { pointerSegment } from '../pack/index.ts';
import { isPyError, parseDateutil } from '../python/index.ts';
import { locate } from '../schema/index.ts';
import { CRON_FIELDS, cronFieldError, timezoneError } from './cron.ts';

const CRON = 'core.st2.CronTimer';
const INTERVAL = 'core.st2.IntervalTimer';
const DATE = 'core.st2.DateTimer';

/** Whether the rule's trigger type is one of StackStorm's timers. */
export const isTimer = (type: string): boolean => type === CRON || type === INTERVAL || type === DATE;

function problem(rule: RuleModel, name: string, message: string, hint: string): Diagnostic {
  const pointer = `/trigger/parameters/${pointerSegment(name)}`;
  return {
    code: 'RULES_E_TRIGGER_PARAMETERS_INVALID',
    severity: 'error',
    message,
    hint,
    pointer,
    ...locate(rule.source, pointer),
  };
}

/** The timer checks of one rule whose parameters already passed the type's parameters_schema. */
export function checkTimerParameters(rule: RuleModel): Diagnostic[] {
  const type = rule.trigger.type;
  const params = rule.trigger.parameters;
  const out: Diagnostic[] = [];
  const name = type.slice('core.st2.'.length);
  const tz = Object.hasOwn(params, 'timezone') ? params['timezone'] : undefined;
  const tzError = timezoneError(tz);
  if (tzError)
    out.push(
      problem(
        rule,
        'timezone',
        `${name} parameter "timezone": ${tzError}`,
        'Use a zone name such as UTC or Europe/Paris.',
      ),
    );
  if (type === CRON) {
    for (const field of CRON_FIELDS) {
      const value = Object.hasOwn(params, field) ? params[field] : undefined;
      if (value === undefined || value === null) continue;
      const error = cronFieldError(field, value);
      if (error)
        out.push(
          problem(
            rule,
            field,
            `CronTimer parameter "${field}": ${error}`,
            'StackStorm builds an APScheduler CronTrigger from these parameters and refuses the rule: use numbers, ranges (1-5), steps (*/10), lists (1,15) and, for month and day_of_week, names (jan, mon-fri).',
          ),
        );
    }
  }
  if (type === DATE && typeof params['date'] === 'string') {
    try {
      parseDateutil(params['date']);
    } catch (e) {
      if (!isPyError(e)) throw e;
      out.push(
        problem(
          rule,
          'date',
          `DateTimer parameter "date": ${e.message}`,
          "StackStorm's timer parses it with dateutil and never schedules this rule: write a date such as 2030-12-31 23:59:59.",
        ),
      );
    }
  }
  return out;
}
