// Shared by the JavaScript SDK scripts: client options for the emulator at
// AWS_ENDPOINT_URL and small assertions that end the process on failure.
export const config = {
  endpoint: process.env.AWS_ENDPOINT_URL,
  region: process.env.AWS_REGION || "us-east-1",
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
};

export const name = `js-${Math.random().toString(36).slice(2, 10)}`;

export function expect(what, got, want) {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    console.error(`FAIL ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    process.exit(1);
  }
  console.log(`ok   ${what}`);
}

export async function expectError(what, code, promise) {
  try {
    await promise;
  } catch (err) {
    expect(what, err.name, code);
    return;
  }
  console.error(`FAIL ${what}: succeeded, want ${code}`);
  process.exit(1);
}
