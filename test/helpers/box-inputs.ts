import type { BoxInstanceInputs } from "../../provider/mapping/box-instance-state.js";

/** Real-looking secret values: long and random enough that a leak scan cannot match by accident. */
export function secretValues(seed = "a") {
  return {
    userSecret: `usr-${seed}-Q2x9Vb7KpL3mN8rT4wY6zA1c`,
    organizationSecret: `org-${seed}-H5jK8nP2qR7sV4xZ9bC3dF6g`,
    apiSecret: `boxsecret-${seed}-wvyQ7Lk2Pz9Xc4Rt`,
    signatureKey: `sigkey-${seed}-Mn4Bv8Cx2Zl6Kj0H`,
    authorizationCode: `code-${seed}-xoz8AFqScK2ngM04kSSM`,
  };
}

/** Inputs as the engine hands them to the provider for a resource named `logicalName`. */
export function boxInputs(overrides: Partial<BoxInstanceInputs> = {}, seed = "a"): BoxInstanceInputs {
  const secrets = secretValues(seed);
  return {
    name: `Box ${seed} events`,
    autoNamePrefix: `box-${seed}`,
    ownershipTag: `pulumi:test/dev/box-${seed}`,
    authorizationCode: secrets.authorizationCode,
    oauth: {
      apiKey: `client-id-${seed}`,
      apiSecret: secrets.apiSecret,
      callbackUrl: "https://app.example.com/oauth/box",
    },
    events: { enabled: true, callbackUrl: "https://app.example.com/hooks/box", signatureKey: secrets.signatureKey },
    tags: ["prod", "team-a"],
    ...overrides,
  };
}
