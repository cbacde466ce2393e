/**
 * A channel of the LabApi: its request schema (zod, checked at every door before the lab sees the payload)
 * and its response type (a phantom: responses come from our own engine, so they are typed, not parsed).
 */
import type { z } from 'zod'

export interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req
  /** never read at run time; carries the response type */
  response: Res
}

export function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelSpec<Req, Res> => ({ request, response: undefined as unknown as Res })
}
