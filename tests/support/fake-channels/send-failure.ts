/** The ChannelSendError a send rejected with (fails the test when it resolved or threw something else). */
import { ChannelSendError } from '../../../activities/channels/channel-http';

export async function sendFailureOf(promise: Promise<unknown>): Promise<ChannelSendError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ChannelSendError) return err;
    throw err;
  }
  throw new Error('expected the send to fail');
}
