// Ask stripe-node for its verdict on each webhook-signature case.
//
// Our own script (not part of any SDK); make_cases.py runs it. It loads the stripe
// package from the folder given by --sdk (where `npm install stripe` was run, outside
// the repository), because an ES module resolves bare imports relative to its own file.
//
// usage: node verdicts.mjs --sdk NODE_SDK_DIR INPUT_JSON OUTPUT_JSON
//
// INPUT_JSON: [{name, payload, header, secret, tolerance, now, generate?}]
//   generate: {payload, secret, timestamp} -> the header is made by
//   Stripe.webhooks.generateTestHeaderString(generate) instead of taken from `header`.
// OUTPUT_JSON: {"__version__": "<stripe-node version>",
//               "<name>": {"header": <header used>, "verdict": {"ok": true} | {"ok": false, "error": "..."}}}
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';

const args = process.argv.slice(2);
const sdkAt = args.indexOf('--sdk');
if (sdkAt < 0 || args.length !== 4) {
  console.error('usage: node verdicts.mjs --sdk NODE_SDK_DIR INPUT_JSON OUTPUT_JSON');
  process.exit(2);
}
const sdkDir = path.resolve(args[sdkAt + 1]);
const [input, output] = args.filter((_, i) => i !== sdkAt && i !== sdkAt + 1);

const require = createRequire(path.join(sdkDir, 'package.json'));
const Stripe = require('stripe');
const version = JSON.parse(
  fs.readFileSync(path.join(sdkDir, 'node_modules', 'stripe', 'package.json'), 'utf8'),
).version;
const webhooks = Stripe.webhooks;

const out = {__version__: version};
for (const c of JSON.parse(fs.readFileSync(input, 'utf8'))) {
  const header = c.generate ? webhooks.generateTestHeaderString(c.generate) : c.header;
  let verdict;
  try {
    // verifyHeader(payload, header, secret, tolerance, cryptoProvider, receivedAt):
    // receivedAt is in MILLISECONDS (the SDK does Math.floor(receivedAt / 1000)).
    webhooks.signature.verifyHeader(
      c.payload,
      header === null ? undefined : header,
      c.secret,
      c.tolerance,
      undefined,
      c.now * 1000,
    );
    verdict = {ok: true};
  } catch (e) {
    verdict = {ok: false, error: `${e.type || e.name}: ${e.message}`};
  }
  out[c.name] = {header, verdict};
}
fs.writeFileSync(output, JSON.stringify(out, null, 2) + '\n');
