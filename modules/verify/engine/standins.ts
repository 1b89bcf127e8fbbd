/**
 * Workarounds for two gaps of @cloud-copilot/iam-simulate 0.1.173, in one place.
 *
 * 1. Variable context keys are recognised only when written with "/" (like
 *    aws:PrincipalTag/x): `kms:EncryptionContext:aws:s3:arn` is silently dropped
 *    from the request, so every KMS grant conditioned on it evaluates as denied.
 * 2. `s3:DataAccessPointAccount`, `s3:DataAccessPointArn` and
 *    `s3:AccessPointNetworkOrigin` are accepted only on access-point ARNs, so a
 *    bucket policy delegating to access points always evaluates as denied.
 *
 * Both are renamed, in policies and requests alike, to a global single-valued
 * string key the engine does evaluate (`aws:PrincipalTag/<stand-in>`): string
 * operators then behave exactly as on the real key. The stand-ins must not
 * occur in a generated policy (checked), so nothing real can match them.
 */
import type { Doc } from '../deployed';

export const STAND_INS: Readonly<Record<string, string>> = {
  'kms:encryptioncontext:aws:s3:arn': 'aws:PrincipalTag/verify-standin-kms-EncryptionContext-aws-s3-arn',
  's3:dataaccesspointaccount': 'aws:PrincipalTag/verify-standin-s3-DataAccessPointAccount',
  's3:dataaccesspointarn': 'aws:PrincipalTag/verify-standin-s3-DataAccessPointArn',
  's3:accesspointnetworkorigin': 'aws:PrincipalTag/verify-standin-s3-AccessPointNetworkOrigin',
};

const standIn = (key: string) => STAND_INS[key.toLowerCase()] ?? key;

export function standInContext(context: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(context).map(([k, v]) => [standIn(k), v]));
}

export function standInPolicy(doc: Doc): Doc {
  return {
    ...doc,
    Statement: doc.Statement.map((s) => {
      const cond = s.Condition as Record<string, Record<string, unknown>> | undefined;
      if (!cond) return s;
      for (const keys of Object.values(cond)) {
        for (const k of Object.keys(keys))
          if (k.toLowerCase().startsWith('aws:principaltag/verify-standin'))
            throw new Error(`policy uses the reserved stand-in key ${k}`);
      }
      return {
        ...s,
        Condition: Object.fromEntries(
          Object.entries(cond).map(([op, keys]) => [
            op,
            Object.fromEntries(Object.entries(keys).map(([k, v]) => [standIn(k), v])),
          ]),
        ),
      };
    }),
  };
}
