/** Calls the e2e scenarios take through the API before they drive the screens. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** An urgent call about a gas leak in 泉河街道, taken by a signed-in agent: the emergency scenarios' ticket. */
export async function takeGasLeakCall(agent: {
  page: Page;
  headers: Record<string, string>;
}): Promise<{ id: number; number: string }> {
  const intake = await agent.page.request.post('/api/tickets', {
    headers: agent.headers,
    data: {
      type: 'help',
      urgency: 'urgent',
      description: '泉河街道富乐社区5号楼一层燃气味很重，怀疑燃气泄漏，老人在家不敢动！',
      areaCode: '110116001',
      citizen: { name: '赵先生', phone: '13700137000' },
    },
  });
  expect(intake.status(), await intake.text()).toBe(201);
  return (await intake.json()) as { id: number; number: string };
}
