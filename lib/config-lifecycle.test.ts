import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('BERTH_GC_SCHEDULE', () => {
  it('defaults to daily at 03:00 UTC, takes a cron expression, and "off" turns automatic runs off', () => {
    expect(loadConfig({}).gcSchedule).toBe('0 3 * * *');
    expect(loadConfig({ BERTH_GC_SCHEDULE: '30 2 * * 0' }).gcSchedule).toBe('30 2 * * 0');
    expect(loadConfig({ BERTH_GC_SCHEDULE: 'off' }).gcSchedule).toBeNull();
    expect(loadConfig({ BERTH_GC_SCHEDULE: 'OFF' }).gcSchedule).toBeNull();
  });

  it('refuses what is not a 5-field cron expression, naming the variable', () => {
    for (const bad of ['daily', '* * *', '61 3 * * *', '0 3 * * * *']) {
      expect(() => loadConfig({ BERTH_GC_SCHEDULE: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ BERTH_GC_SCHEDULE: bad })).toThrow(/BERTH_GC_SCHEDULE/);
    }
  });
});
