/** The contact channels of the model, in the fixed order every table uses. */
export const CHANNELS = ['selfService', 'chat', 'email', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Number of channels (4). */
export const CHANNEL_COUNT = CHANNELS.length;
/** Channels that can be staffed, whose wait time (Erlang C) adds effort. */
export const STAFFED_CHANNELS = ['chat', 'phone'] as const;
export type StaffedChannel = (typeof STAFFED_CHANNELS)[number];
/** Index of a channel in the fixed order. */
export const channelIndex = (c: Channel): number => CHANNELS.indexOf(c);
