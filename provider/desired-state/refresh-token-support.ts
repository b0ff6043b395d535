import type { BoxConnectorInstanceArgs } from "../resource/box-connector-instance.js";

type ArgsTakeRefreshToken = "refreshToken" extends keyof BoxConnectorInstanceArgs ? true : false;

/**
 * Whether `authorization.refreshToken` can be applied: only once `BoxConnectorInstanceArgs` has a `refreshToken`
 * input. Until then the file and the schema accept the key, and loading refuses it with a clear message.
 *
 * The type ties this to the resource: when `refreshToken` is added to the args, this line stops compiling. Then
 * set it to `true` and pass the reference through in declare-instances.ts.
 */
export const REFRESH_TOKEN_SUPPORTED: ArgsTakeRefreshToken = false;
