import nock from 'nock';
import { Readable } from 'node:stream';
import { WhatsAppMedia } from '../../src/channels/whatsapp/whatsAppMedia';
import { createLogger } from '../../src/logger';
import { LogCapture } from '../support/testApp';
import { oggOpusSilence } from '../support/oggOpus';

const GRAPH = 'https://graph.facebook.com';
const CDN = 'https://lookaside.fbsbx.com';
const PHONE_NUMBER_ID = '106540352242922';
const MEDIA_ID = '1037543291543636';
const auth = { reqheaders: { authorization: 'Bearer graph-token' } };

function media() {
  const logs = new LogCapture();
  return { logs, media: new WhatsAppMedia({ baseUrl: `${GRAPH}/v23.0`, accessToken: 'graph-token', phoneNumberId: PHONE_NUMBER_ID, logger: createLogger('info', logs) }) };
}

/** Meta's answer to GET /<media id>: where to download it, what it is and how big. */
function mediaInfo(overrides: Record<string, unknown> = {}) {
  return { messaging_product: 'whatsapp', url: `${CDN}/whatsapp_business/attachments/?mid=${MEDIA_ID}&ext=1`, mime_type: 'audio/ogg; codecs=opus', sha256: 'x', file_size: 2048, id: MEDIA_ID, ...overrides };
}

const info = (body: Record<string, unknown>, status = 200) =>
  nock(GRAPH, auth).get(`/v23.0/${MEDIA_ID}`).query({ phone_number_id: PHONE_NUMBER_ID }).reply(status, body);

describe('WhatsApp voice notes from the Graph API', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    nock.abortPendingRequests();
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it('asks for the media with our phone number id, then downloads it with the token', async () => {
    const bytes = oggOpusSilence(2);
    const scopes = [info(mediaInfo({ file_size: bytes.byteLength })), nock(CDN, auth).get('/whatsapp_business/attachments/').query(true).reply(200, Buffer.from(bytes), { 'Content-Type': 'audio/ogg' })];
    const result = await media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000));
    expect(result).toEqual({ ok: true, audio: { bytes, contentType: 'audio/ogg; codecs=opus' } });
    expect(scopes.every((s) => s.isDone())).toBe(true);
  });

  it('refuses a file over 512 KB by what Meta says, without downloading it', async () => {
    const scope = info(mediaInfo({ file_size: 512 * 1024 + 1 }));
    const download = nock(CDN).get(/.*/).reply(200, 'never asked');
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'too-large' });
    expect(scope.isDone()).toBe(true);
    expect(download.isDone()).toBe(false);
  });

  it('stops a download that turns out longer than 512 KB, whatever Meta said', async () => {
    info(mediaInfo({ file_size: 1000 }));
    // No Content-Length: the size shows only while reading.
    nock(CDN, auth)
      .get(/.*/)
      .reply(200, () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < 20; i++) yield Buffer.alloc(64 * 1024, 1);
          })(),
        ),
      );
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'too-large' });
  });

  it.each([['video/mp4'], ['application/pdf'], ['image/jpeg'], ['']])('refuses media of type "%s"', async (mimeType) => {
    info(mediaInfo({ mime_type: mimeType }));
    const download = nock(CDN).get(/.*/).reply(200, 'never asked');
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'wrong-type' });
    expect(download.isDone()).toBe(false);
  });

  it('finds nothing for a media id sent to another business number (Meta refuses it)', async () => {
    info({ error: { message: 'Media does not belong to this phone number', type: 'OAuthException', code: 100 } }, 400);
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'not-found' });
  });

  it('finds nothing when Meta answers for another media id', async () => {
    info(mediaInfo({ id: '999' }));
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'not-found' });
  });

  it('makes no request at all for a media id that is not one', async () => {
    await expect(media().media.fetch('../../me/messages', AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'not-found' });
    await expect(media().media.fetch('', AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'not-found' });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('does not send the token to a download address that is not https', async () => {
    info(mediaInfo({ url: 'http://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1' }));
    const download = nock('http://lookaside.fbsbx.com').get(/.*/).reply(200, 'never asked');
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason: 'failed' });
    expect(download.isDone()).toBe(false);
  });

  it.each([
    ['the download fails (500)', () => nock(CDN).get(/.*/).reply(500, 'oops'), 'failed'],
    ['the download is gone (404)', () => nock(CDN).get(/.*/).reply(404, 'gone'), 'not-found'],
    ['the network breaks', () => nock(CDN).get(/.*/).replyWithError('socket hang up'), 'failed'],
  ])('fails kindly when %s, logging no token', async (_name, stub, reason) => {
    info(mediaInfo());
    stub();
    const { media: client, logs } = media();
    await expect(client.fetch(MEDIA_ID, AbortSignal.timeout(5000))).resolves.toEqual({ ok: false, reason });
    expect(logs.text).toContain('could not fetch a voice note');
    expect(logs.text).not.toContain('graph-token');
  });

  it('gives up on a download that hangs when the turn’s time is over', async () => {
    info(mediaInfo());
    nock(CDN).get(/.*/).delay(10_000).reply(200, 'late');
    await expect(media().media.fetch(MEDIA_ID, AbortSignal.timeout(150))).resolves.toEqual({ ok: false, reason: 'timeout' });
  });
});
