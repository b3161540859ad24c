import { describe, expect, it } from 'vitest';
import { createLogger, createRegistry, MemoryLog } from '../src/index.js';

describe('createLogger', () => {
  it('writes JSON lines with a Cloud Logging severity and the component', () => {
    const log = new MemoryLog();
    const logger = createLogger({ name: 'front', destination: log });
    logger.warn({ deliveryId: 'abc' }, 'signature refused');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({ severity: 'WARNING', component: 'front', deliveryId: 'abc' });
    expect(log.find('signature refused')).toHaveLength(1);
  });

  it('drops lines below its level', () => {
    const log = new MemoryLog();
    createLogger({ level: 'warn', destination: log }).info('quiet');
    expect(log.lines).toHaveLength(0);
  });
});

describe('createRegistry', () => {
  it('exposes the process metrics under the labelbot prefix', async () => {
    const text = await createRegistry().metrics();
    expect(text).toContain('labelbot_process_cpu_seconds_total');
  });
});
