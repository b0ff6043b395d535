/**
 * The behaviours that differ between AMPLIFY platform versions (docs/amplify-api.md, "What varies between platform
 * versions"). Each is a named switch of the sandbox, combinable with every other. The first choice of each is the
 * default and the strictest one documented: the one a naive client breaks on first.
 */
export const PLATFORM_VARIANT_CHOICES = {
  /**
   * What the API answers as `"********"`: the Box client id and every secret (newer platforms: churros asserts it
   * for `oauth.api.key`), the secrets only, or nothing at all (the 2017 Box example).
   */
  masking: ["client-id-and-secrets", "secrets", "none"],
  /** `tags` as `{id, name}` objects (an older example) or as plain strings (current examples). */
  tagShape: ["objects", "strings"],
  /**
   * Whether answers carry the configuration keys the platform writes itself (`event.metadata` as a JSON string,
   * `filter.response.nulls`, `oauth.user.*`, `event.notification.subscription.id`) and `null` for every unset key
   * (the 2017 example), or only the keys a client has set.
   */
  platformKeys: ["shown", "hidden"],
  /** Whether a re-authentication hands out a new instance token or keeps the old one (UNVERIFIED either way). */
  tokenOnReauthentication: ["rotate", "keep"],
  /** Whether `PUT /instances/{id}` resets the configuration keys it omits or keeps them (UNVERIFIED either way). */
  putOmittedKeys: ["reset", "keep"],
  /** Whether a create, rename or PUT onto a name another instance has is a 409 (UNVERIFIED either way). */
  duplicateNames: ["reject", "allow"],
} as const;

type Choices = typeof PLATFORM_VARIANT_CHOICES;

/** One platform version's behaviour: a choice for every switch. */
export type PlatformVariant = { readonly [K in keyof Choices]: Choices[K][number] };

export type PlatformSwitch = keyof PlatformVariant;

export const PLATFORM_SWITCHES = Object.keys(PLATFORM_VARIANT_CHOICES) as PlatformSwitch[];

/** The strictest documented behaviour of every switch: what the sandbox plays unless told otherwise. */
export const STRICTEST_PLATFORM: PlatformVariant = Object.fromEntries(
  PLATFORM_SWITCHES.map((name) => [name, PLATFORM_VARIANT_CHOICES[name][0]]),
) as unknown as PlatformVariant;

/** The command-line flag of a switch: `tagShape` is `--tag-shape`. */
export const flagOf = (name: PlatformSwitch): string => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The variant with `overrides` applied over the strictest one.
 * @throws TypeError naming the switch and its choices when a value is not one of them.
 */
export function resolvePlatformVariant(overrides: Partial<Record<PlatformSwitch, string>> = {}): PlatformVariant {
  const variant: Record<string, string> = { ...STRICTEST_PLATFORM };
  for (const name of PLATFORM_SWITCHES) {
    const value = overrides[name];
    if (value === undefined) {
      continue;
    }
    variant[name] = checkPlatformChoice(name, value);
  }
  return variant as unknown as PlatformVariant;
}

/**
 * `value` if it is one of the switch's choices.
 * @throws TypeError naming the switch (as `label`: the option or the flag) and its choices.
 */
export function checkPlatformChoice(name: PlatformSwitch, value: string, label: string = name): string {
  const choices: readonly string[] = PLATFORM_VARIANT_CHOICES[name];
  if (!choices.includes(value)) {
    throw new TypeError(`${label} must be one of ${choices.join(", ")}; got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Every combination of the given switches' choices, the others left at their strictest: for test matrices. */
export function platformVariants(over: readonly PlatformSwitch[]): PlatformVariant[] {
  let variants: PlatformVariant[] = [STRICTEST_PLATFORM];
  for (const name of over) {
    variants = variants.flatMap((variant) =>
      PLATFORM_VARIANT_CHOICES[name].map((choice) => ({ ...variant, [name]: choice })),
    );
  }
  return variants;
}

/** `masking=secrets tagShape=strings`: the switches that differ from the strictest platform, for names and logs. */
export function describePlatformVariant(variant: PlatformVariant): string {
  const changed = PLATFORM_SWITCHES.filter((name) => variant[name] !== STRICTEST_PLATFORM[name]);
  return changed.length === 0 ? "strictest" : changed.map((name) => `${name}=${variant[name]}`).join(" ");
}
