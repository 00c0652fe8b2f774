// The date a plan carries. SOURCE_DATE_EPOCH (reproducible-builds.org) fixes it so the same
// input gives the same bytes; otherwise today's date in UTC.
import { InputError } from '../errors.ts';

export function documentDate(sourceDateEpoch: string | undefined, now: Date): string {
  if (sourceDateEpoch === undefined || sourceDateEpoch === '') return now.toISOString().slice(0, 10);
  if (!/^\d{1,12}$/.test(sourceDateEpoch)) throw new InputError(`SOURCE_DATE_EPOCH must be seconds since 1970 (an integer); got '${sourceDateEpoch}'`);
  return new Date(Number(sourceDateEpoch) * 1000).toISOString().slice(0, 10);
}
