// Turning an uploaded logo into one Candor can serve to anyone: the bytes decide what the file
// is (never its name or declared type); SVG is refused (it can carry script); the image is
// decoded by libvips (sharp) with a pixel limit against decompression bombs, then scaled to fit
// 512 × 256 px and encoded again, which leaves every metadata chunk (EXIF with GPS, text
// chunks) and anything appended after the image behind.
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { LOGO_BOX, MAX_LOGO_BYTES, MAX_LOGO_PIXELS } from './logo-limits'
import { LOGO_TOO_LARGE } from './logo-upload-limit'

export type LogoImage = { bytes: Buffer; type: 'image/png' | 'image/jpeg'; width: number; height: number; sha256: string }
export type LogoVerdict = { ok: true; logo: LogoImage } | { ok: false; message: string }

type Sniffed = 'png' | 'jpeg' | 'webp' | 'svg' | 'other'

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b)

/** What the first bytes say the file is. */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp'
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart().toLowerCase()
  if (head.startsWith('<') && /<svg[\s>]/.test(head)) return 'svg'
  return 'other'
}

const SVG = 'SVG logos are not accepted: an SVG file can carry script that would run on your trust page. Export the logo as a PNG (best, with a transparent background) or a JPEG and upload that.'
const NOT_AN_IMAGE = 'This file is not a PNG, JPEG or WebP image, whatever its name says. Upload the logo as a PNG, a JPEG or a WebP image.'
const UNREADABLE = 'This image could not be read: the file is damaged or incomplete. Export the logo again as a PNG, a JPEG or a WebP image and upload that.'

/** The upload made safe to serve, or why it was refused (in words for the person uploading it). */
export async function sanitiseLogo(upload: Uint8Array): Promise<LogoVerdict> {
  if (upload.byteLength === 0) return { ok: false, message: 'Choose a logo file to upload.' }
  if (upload.byteLength > MAX_LOGO_BYTES) return { ok: false, message: LOGO_TOO_LARGE }
  const kind = sniffImage(upload)
  if (kind === 'svg') return { ok: false, message: SVG }
  if (kind === 'other') return { ok: false, message: NOT_AN_IMAGE }
  // 'error' fails on a truncated or corrupt image instead of decoding part of it.
  const options = { failOn: 'error', limitInputPixels: MAX_LOGO_PIXELS, animated: false } as const
  let width: number | undefined
  let height: number | undefined
  try {
    ;({ width, height } = await sharp(upload, { ...options, limitInputPixels: false }).metadata())
  } catch {
    return { ok: false, message: UNREADABLE }
  }
  if (!width || !height) return { ok: false, message: UNREADABLE }
  if (width * height > MAX_LOGO_PIXELS) {
    return {
      ok: false,
      message: `This image is ${width} × ${height} pixels, more than a logo can be (${MAX_LOGO_PIXELS / 1_000_000} megapixels at most). Scale it down to about 512 pixels across and upload it again.`,
    }
  }
  try {
    const image = sharp(upload, options)
      .timeout({ seconds: 10 })
      .rotate() // applies the EXIF orientation before EXIF is dropped
      .resize({ ...LOGO_BOX, fit: 'inside', withoutEnlargement: true })
    // A photo stays a JPEG; anything that may be transparent (PNG, WebP) becomes a PNG.
    const encoded =
      kind === 'jpeg'
        ? await image.jpeg({ quality: 88, mozjpeg: true }).toBuffer({ resolveWithObject: true })
        : await image.png({ compressionLevel: 9, palette: false }).toBuffer({ resolveWithObject: true })
    return {
      ok: true,
      logo: {
        bytes: encoded.data,
        type: kind === 'jpeg' ? 'image/jpeg' : 'image/png',
        width: encoded.info.width,
        height: encoded.info.height,
        sha256: createHash('sha256').update(encoded.data).digest('hex'),
      },
    }
  } catch {
    return { ok: false, message: UNREADABLE }
  }
}
