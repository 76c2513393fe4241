import { z } from "zod";

/** Size limits, shared by the forms (to say so before uploading) and the server (which enforces them). */
export const MAX_CERTIFICATE_UPLOAD_BYTES = 256 * 1024;
export const MAX_VICAL_UPLOAD_BYTES = 5 * 1024 * 1024;

/** What the certificate file input accepts; the server checks the name too, and then the content. */
export const CERTIFICATE_FILE_EXTENSIONS = [".pem", ".crt", ".cer", ".der"] as const;

const MAX_FILE_NAME_LENGTH = 255;

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

function uploadedFile(options: { what: string; maxBytes: number; extensions?: readonly string[] }) {
  return z
    .instanceof(File, { error: `Choose ${options.what} to upload.` })
    .refine((file) => file.size > 0, `The ${options.what} you chose is empty.`)
    .refine((file) => file.size <= options.maxBytes, `The ${options.what} is larger than ${sizeLabel(options.maxBytes)}.`)
    .refine((file) => file.name.length <= MAX_FILE_NAME_LENGTH, "Rename the file: its name is too long.")
    .refine(
      (file) => !options.extensions || options.extensions.some((extension) => file.name.toLowerCase().endsWith(extension)),
      `Choose a ${options.extensions?.join(", ")} file.`,
    );
}

/** A form's FormData as the object the schema checks; anything else is checked as it is (and refused). */
function fileFields(input: unknown): unknown {
  return input instanceof FormData ? { file: input.get("file") ?? undefined } : input;
}

/** "Add certificate": one PEM (one or more certificates) or DER file. */
export const addTrustedIssuersSchema = z.preprocess(
  fileFields,
  z.object({ file: uploadedFile({ what: "a certificate file", maxBytes: MAX_CERTIFICATE_UPLOAD_BYTES, extensions: CERTIFICATE_FILE_EXTENSIONS }) }),
);

/** "Import VICAL": the signed list as its provider publishes it (CBOR; providers name the file differently). */
export const importVicalSchema = z.preprocess(fileFields, z.object({ file: uploadedFile({ what: "a VICAL file", maxBytes: MAX_VICAL_UPLOAD_BYTES }) }));

export const removeTrustedIssuerSchema = z.object({ id: z.uuid({ error: "Unknown certificate." }) });

export type RemoveTrustedIssuerInput = z.output<typeof removeTrustedIssuerSchema>;
