/**
 * The host passes Chatwoot's objects to the webview unchanged, so the model's types must fit the
 * protocol's wire types. This is checked by the compiler; the test only makes the file a suite.
 */
import * as assert from 'assert';
import type { Attachment, Message } from '../../src/model/message';
import type { WireAttachment, WireMessage } from '../../src/protocol/chatProtocol';

type Assignable<From, To> = [From] extends [To] ? true : false;
const messageFits: Assignable<Message, WireMessage> = true;
const attachmentFits: Assignable<Attachment, WireAttachment> = true;

suite('webview chat: protocol types', () => {
  test('model messages and attachments are assignable to the wire types', () => {
    assert.ok(messageFits && attachmentFits);
  });
});
