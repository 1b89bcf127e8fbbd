/** Output descriptions name the account a value lives in: "access point of consumer X, in the producer account …". */
import { EXAMPLES, load } from './support/synth';
import { outputOf } from './support/verify';

type Outputs = Record<string, { description?: string }>;

describe.each(EXAMPLES)('%s', (file) => {
  const config = load(file);
  const outputs: Outputs = Object.assign(
    {},
    ...Object.values(outputOf(config).stacks).map((s) => (s as { output?: Outputs }).output ?? {}),
  );
  const called = (id: string) => {
    const name = config.accounts.find((a) => a.id === id)?.name;
    const named = name && name !== id ? ` (${name})` : '';
    return `${id === config.producer.accountId ? 'the producer account' : 'account'} ${id}${named}`;
  };

  test('every access point output names the account that owns it', () => {
    let seen = 0;
    for (const c of config.consumers.filter((x) => x.accessPoint)) {
      const arn = Object.entries(outputs).find(([k]) => k.endsWith(`access_point_${c.name.replace(/-/g, '_')}_arn`));
      if (!arn) continue; // moved by overflow or per-stack naming: not every example has one
      expect(arn[1].description).toBe(`Access point of consumer ${c.name}, in ${called(c.accessPoint!.accountId)}`);
      seen++;
    }
    if (file.endsWith('access-points.json')) expect(seen).toBeGreaterThan(1);
  });

  test("every consumer role output names the consumer's account; bucket outputs the producer's", () => {
    for (const [name, o] of Object.entries(outputs)) {
      if (/bucket_(name|arn)$/.test(name)) expect(o.description).toMatch(/, in the producer account \d{12}/);
      const role = /consumer_(.+)_role_arn$/.exec(name);
      if (role) {
        const c = config.consumers.find((x) => x.name.replace(/-/g, '_') === role[1])!;
        expect(o.description).toBe(`Role of consumer ${c.name}, in ${called(c.accountId)}`);
      }
    }
  });
});
