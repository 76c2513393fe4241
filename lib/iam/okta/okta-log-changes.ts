import { z } from "zod";

/**
 * System Log event types that can change what the directory holds about a member of the group (developer.okta.com
 * Event Types catalog): joining or leaving the group, lifecycle (status) changes, deletion, profile edits, lockouts
 * and password states. Anything else (sign-ins, token grants, factor changes) is not asked for.
 */
export const MEMBERSHIP_EVENT_TYPES = ["group.user_membership.add", "group.user_membership.remove"] as const;
export const USER_EVENT_TYPES = [
  "user.lifecycle.create",
  "user.lifecycle.activate",
  "user.lifecycle.deactivate",
  "user.lifecycle.reactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.lifecycle.delete.initiated",
  "user.lifecycle.delete.completed",
  "user.account.update_profile",
  "user.account.lock",
  "user.account.lock.limit",
  "user.account.unlock",
  "user.account.unlock_by_admin",
  "user.account.expire_password",
  "user.account.reset_password",
  "user.account.update_password",
] as const;
/** Every account's status changes at once: only a full pass can follow it. */
export const MASS_EXPIRY_EVENT_TYPE = "user.lifecycle.password_mass_expiry";

/** The `filter` of the log query: one `eventType eq` per type, joined with `or`. */
export const LOG_FILTER = [...MEMBERSHIP_EVENT_TYPES, ...USER_EVENT_TYPES, MASS_EXPIRY_EVENT_TYPE].map((type) => `eventType eq "${type}"`).join(" or ");

const targetSchema = z.object({ id: z.string().min(1), type: z.string() });

/** The part of a LogEvent the adapter reads; everything else (client, request, debugContext...) is ignored. */
export const logEventSchema = z.object({
  uuid: z.string().min(1).max(100),
  published: z.iso.datetime({ offset: true }),
  eventType: z.string(),
  outcome: z.object({ result: z.string() }).nullish(),
  target: z.array(targetSchema).nullish(),
});
export type OktaLogEvent = z.infer<typeof logEventSchema>;

export type LogChanges = { userIds: string[]; massExpiry: boolean };

/**
 * The users whose record in the directory may be stale after these events. Membership events count only for our
 * group; a failed operation changed nothing. Whether each user is (still) a member is not decided here: the
 * changed users are re-read and checked against the group afterwards, so the events' order does not matter.
 */
export function changedUsers(events: OktaLogEvent[], groupId: string): LogChanges {
  const userIds = new Set<string>();
  let massExpiry = false;
  const membership = new Set<string>(MEMBERSHIP_EVENT_TYPES);
  const user = new Set<string>(USER_EVENT_TYPES);
  for (const event of events) {
    const result = event.outcome?.result;
    if (result !== undefined && result !== "SUCCESS") continue;
    if (event.eventType === MASS_EXPIRY_EVENT_TYPE) massExpiry = true;
    const targets = event.target ?? [];
    if (membership.has(event.eventType) && !targets.some((target) => target.type === "UserGroup" && target.id === groupId)) continue;
    if (!membership.has(event.eventType) && !user.has(event.eventType)) continue;
    for (const target of targets) if (target.type === "User") userIds.add(target.id);
  }
  return { userIds: [...userIds], massExpiry };
}
