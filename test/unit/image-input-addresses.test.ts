import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { droppedAddress, isDroppable, labelFromAddress, normaliseTypedAddress } from '../../components/image-input/picker-inputs';
import { quoteName } from '../../components/shared/decode-image';

/** Just enough of a DataTransfer for the helpers that read types and text. */
const transfer = (types: string[], data: Record<string, string> = {}) =>
  ({ types, getData: (t: string) => data[t] ?? '' }) as unknown as DataTransfer;

test('a typed address without a scheme gets https://, other text is left alone', () => {
  assert.is(normaliseTypedAddress(' example.com/cat.jpg '), 'https://example.com/cat.jpg');
  assert.is(normaliseTypedAddress('images.example.org:8080/a.png'), 'https://images.example.org:8080/a.png');
  assert.is(normaliseTypedAddress('http://example.com/a.png'), 'http://example.com/a.png');
  assert.is(normaliseTypedAddress('javascript:alert(1)'), 'javascript:alert(1)', 'refused later, not rewritten');
  assert.is(normaliseTypedAddress('data:image/png;base64,AAAA'), 'data:image/png;base64,AAAA');
  assert.is(normaliseTypedAddress('not an address'), 'not an address');
});

test('a picture from an address is labelled with its file name, else its host', () => {
  assert.is(labelFromAddress('https://example.com/photos/red%20panda.jpg?w=600'), 'red panda.jpg');
  assert.is(labelFromAddress('https://example.com/'), 'example.com');
  assert.is(labelFromAddress('data:image/png;base64,AAAA'), 'Picture from an address');
  assert.is(labelFromAddress('::'), 'Picture from an address');
});

test('a dropped uri-list gives its first address, skipping comments', () => {
  assert.is(droppedAddress(transfer(['text/uri-list'], { 'text/uri-list': '# from a page\r\nhttps://a.example/x.png\r\nhttps://b.example/y.png' })), 'https://a.example/x.png');
  assert.is(droppedAddress(transfer([])), null);
  assert.ok(isDroppable(transfer(['Files'])));
  assert.ok(isDroppable(transfer(['text/uri-list', 'text/html'])));
  assert.not.ok(isDroppable(transfer(['text/plain'])), 'dragged text is not a picture');
});

test('file names are quoted, long ones shortened in the middle', () => {
  assert.is(quoteName('photo.jpg'), '“photo.jpg”');
  assert.is(quoteName(''), 'This file');
  const long = quoteName(`${'a'.repeat(80)}.jpeg`);
  assert.ok(long.length < 52 && long.includes('…') && long.endsWith('.jpeg”'), long);
});

test.run();
