// Real image files for the logo tests, made by libvips (sharp): a PNG with a text chunk and a
// payload after its end, a JPEG with EXIF (a GPS position and an author), and broken ones.
import { crc32 } from 'node:zlib'
import sharp from 'sharp'

export const SECRET_TEXT = 'Location: 48.8584 N 2.2945 E (home of the designer)'
export const APPENDED = '<script>alert("appended")</script>'
export const EXIF_MARKER = 'Designer Home Address 42'

/** A PNG chunk: length, type, data, CRC over type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A `width` × `height` PNG, half transparent. */
export async function plainPng(width = 800, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 90, b: 60, alpha: 0.5 } } }).png().toBuffer()
}

/** A PNG with a tEXt chunk before its image data and a script appended after IEND. */
export async function pngWithTextAndPayload(): Promise<Buffer> {
  const png = await plainPng()
  const afterHeader = 8 + 25 // signature, then the IHDR chunk (13 bytes of data + 12)
  const text = chunk('tEXt', Buffer.from(`Comment\u0000${SECRET_TEXT}`, 'latin1'))
  return Buffer.concat([png.subarray(0, afterHeader), text, png.subarray(afterHeader), Buffer.from(APPENDED)])
}

/** A photo-like JPEG carrying EXIF: its author and a GPS position. */
export async function jpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .withExif({
      IFD0: { Artist: EXIF_MARKER, Copyright: EXIF_MARKER },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 17/1 40/1' },
    })
    .jpeg()
    .toBuffer()
}

export const SVG_LOGO = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>'
export const HTML_AS_PNG = '<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>'
