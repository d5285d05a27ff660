// Drives the gateway with the official OpenAI SDK for Node, the way users' scripts do, and fails (exit 1) on any
// mismatch. Usage: node sdk-e2e.mjs <gateway base URL> <model> [<embedding model>]
import OpenAI from 'openai';
import assert from 'node:assert/strict';

const [baseURL, model, embeddingModel] = process.argv.slice(2);
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: process.env.GATEWAY_API_KEY ?? 'unused', maxRetries: 0 });
const messages = [{ role: 'user', content: 'Write one sentence about the sea.' }];
const checks = [];
const check = (name, fn) => checks.push([name, fn]);

check('models.list lists the served model', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes(model), `models: ${ids}`);
});

check('chat.completions.create (non-streaming)', async () => {
  const r = await client.chat.completions.create({ model, messages, max_tokens: 16, seed: 3 });
  assert.equal(r.object, 'chat.completion');
  assert.match(r.id, /^chatcmpl-/);
  assert.equal(r.choices[0].message.role, 'assistant');
  assert.ok(r.choices[0].message.content.length > 0);
  assert.ok(['stop', 'length'].includes(r.choices[0].finish_reason));
  assert.equal(r.usage.total_tokens, r.usage.prompt_tokens + r.usage.completion_tokens);
});

check('chat streaming with include_usage gives the same text and a usage chunk', async () => {
  const plain = await client.chat.completions.create({ model, messages, max_tokens: 16, seed: 3 });
  const stream = await client.chat.completions.create({
    model, messages, max_tokens: 16, seed: 3, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  let finish = null;
  for await (const chunk of stream) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    for (const choice of chunk.choices) {
      text += choice.delta?.content ?? '';
      finish = choice.finish_reason ?? finish;
    }
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, plain.choices[0].message.content);
  assert.equal(finish, plain.choices[0].finish_reason);
  assert.ok(usage, 'no usage chunk');
  assert.equal(usage.completion_tokens, plain.usage.completion_tokens);
});

check('chat streaming without stream_options has no usage chunk', async () => {
  const stream = await client.chat.completions.create({ model, messages, max_tokens: 8, stream: true });
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.ok(!chunk.usage, `unexpected usage: ${JSON.stringify(chunk)}`);
  }
  assert.ok(chunks > 1);
});

check('chat.completions.runTools runs an agent loop, streamed: the model calls the tool, then answers its result', async () => {
  const calls = [];
  const getWeather = (args) => { calls.push(args); return `22 degrees and sunny in ${args.city}`; };
  const runner = client.chat.completions.runTools({
    model, stream: true, messages: [{ role: 'user', content: 'What is the weather in Hangzhou?' }],
    tools: [{
      type: 'function',
      function: {
        function: getWeather, parse: JSON.parse, name: 'get_weather', description: 'Weather in a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    }],
  });
  const answer = await runner.finalContent();
  const conversation = runner.messages;
  assert.equal(calls.length, 1, `tool calls: ${JSON.stringify(calls)}`);
  assert.equal(typeof calls[0].city, 'string');
  assert.ok(answer && answer.length > 0, `final content: ${answer}`);
  assert.deepEqual(conversation.map((m) => m.role), ['user', 'assistant', 'tool', 'assistant']);
  assert.equal(conversation[1].tool_calls[0].function.name, 'get_weather');
  assert.match(conversation[1].tool_calls[0].id, /^chatcmpl-tool-/);
});

check('chat.completions.stream with a json_schema response_format rebuilds JSON the schema accepts', async () => {
  const stream = client.chat.completions.stream({
    model, messages: [{ role: 'user', content: 'Invent a city.' }],
    response_format: {
      type: 'json_schema',
      json_schema: {
        name: 'city', strict: true,
        schema: {
          type: 'object', additionalProperties: false, required: ['name', 'population', 'rivers'],
          properties: {
            name: { type: 'string' }, population: { type: 'integer', minimum: 1000 },
            rivers: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  });
  const final = await stream.finalChatCompletion();
  const city = JSON.parse(final.choices[0].message.content);
  assert.equal(final.choices[0].finish_reason, 'stop');
  assert.equal(typeof city.name, 'string');
  assert.ok(Number.isInteger(city.population) && city.population >= 1000, `population ${city.population}`);
  assert.ok(Array.isArray(city.rivers));
});

check('completions.create (non-streaming and streaming, vLLM extras pass through)', async () => {
  const r = await client.completions.create({ model, prompt: 'The sea is', max_tokens: 6, ignore_eos: true });
  assert.equal(r.object, 'text_completion');
  assert.equal(r.usage.completion_tokens, 6);
  assert.equal(r.choices[0].finish_reason, 'length');
  const stream = await client.completions.create({
    model, prompt: 'The sea is', max_tokens: 6, ignore_eos: true, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    for (const choice of chunk.choices) text += choice.text;
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, r.choices[0].text);
  assert.equal(usage.completion_tokens, 6);
});

check('a LoRA adapter loaded through client.post is listed under its model, answers in its name, and unloads', async () => {
  const loaded = await client.post('/load_lora_adapter', { body: { lora_name: 'sdk-lora', lora_path: 'org/sdk-lora' } });
  assert.equal(loaded, "Success: LoRA adapter 'sdk-lora' added successfully.");
  const cards = [];
  for await (const m of client.models.list()) cards.push(m);
  const card = cards.find((m) => m.id === 'sdk-lora');
  assert.ok(card, `models: ${cards.map((m) => m.id)}`);
  assert.equal(card.parent, model);
  const r = await client.chat.completions.create({ model: 'sdk-lora', messages, max_tokens: 8, seed: 3 });
  assert.equal(r.model, 'sdk-lora');
  const base = await client.chat.completions.create({ model, messages, max_tokens: 8, seed: 3 });
  assert.notEqual(r.choices[0].message.content, base.choices[0].message.content);
  await client.post('/unload_lora_adapter', { body: { lora_name: 'sdk-lora' } });
  await assert.rejects(client.chat.completions.create({ model: 'sdk-lora', messages }), OpenAI.NotFoundError);
});

check('an unknown model is a NotFoundError with code model_not_found', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages }), (e) => {
    assert.ok(e instanceof OpenAI.NotFoundError, `got ${e?.constructor?.name}: ${e}`);
    assert.equal(e.status, 404);
    assert.equal(e.code, 'model_not_found');
    assert.equal(e.param, 'model');
    return true;
  });
});

check('a request the engine refuses is a BadRequestError carrying the engine message', async () => {
  await assert.rejects(client.completions.create({ model, prompt: 'x', max_tokens: 10_000_000 }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError, `got ${e?.constructor?.name}: ${e}`);
    assert.equal(e.status, 400);
    assert.match(e.message, /maximum context length/);
    return true;
  });
});

check('responses.create answers the text of the same chat, whole, as typed events and through responses.stream', async () => {
  const instructions = 'Answer in one sentence.';
  const input = 'What colour is the sea?';
  const params = { model, instructions, input, max_output_tokens: 12, seed: 5 };
  const chat = await client.chat.completions.create({
    model, max_tokens: 12, seed: 5, messages: [{ role: 'system', content: instructions }, { role: 'user', content: input }],
  });
  const r = await client.responses.create(params);
  assert.equal(r.object, 'response');
  assert.match(r.id, /^resp_/);
  assert.equal(r.status, 'completed');
  assert.equal(r.output_text, chat.choices[0].message.content);
  assert.equal(r.usage.input_tokens, chat.usage.prompt_tokens);
  assert.equal(r.usage.output_tokens, chat.usage.completion_tokens);

  const stream = await client.responses.create({ ...params, stream: true });
  const types = [];
  let text = '';
  let completed = null;
  for await (const event of stream) {
    assert.equal(event.sequence_number, types.length);
    types.push(event.type);
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.completed') completed = event.response;
  }
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');
  assert.equal(text, r.output_text);
  assert.equal(completed.usage.output_tokens, r.usage.output_tokens);

  // The SDK's helper rebuilds the response from the events, checking their indices on the way.
  const helper = client.responses.stream(params);
  const deltas = [];
  helper.on('response.output_text.delta', (e) => deltas.push(e.delta));
  const final = await helper.finalResponse();
  assert.equal(final.output_text, r.output_text);
  assert.equal(deltas.join(''), r.output_text);
});

check('a responses request with tools is a BadRequestError carrying the engine message', async () => {
  await assert.rejects(client.responses.create({
    model, input: 'hi', tools: [{ type: 'function', name: 'f', parameters: { type: 'object', properties: {} } }],
  }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError, `got ${e?.constructor?.name}: ${e}`);
    assert.match(e.message, /Tool use is not supported in Responses API/);
    return true;
  });
});

if (embeddingModel) {
  check('embeddings.create decodes the base64 it asks for by default into the float vectors', async () => {
    const input = ['The sea', 'The sky is grey'];
    // Like the Python SDK, the Node SDK sends encoding_format "base64" unless told otherwise, and decodes it.
    const decoded = await client.embeddings.create({ model: embeddingModel, input });
    const floats = await client.embeddings.create({ model: embeddingModel, input, encoding_format: 'float' });
    assert.equal(decoded.object, 'list');
    assert.equal(decoded.data.length, 2);
    for (const i of [0, 1]) {
      const v = Array.from(decoded.data[i].embedding);
      assert.equal(decoded.data[i].index, i);
      assert.ok(v.length > 0);
      assert.deepEqual(v, floats.data[i].embedding.map(Math.fround));
      const norm = v.reduce((sum, c) => sum + c * c, 0);
      assert.ok(Math.abs(norm - 1) < 1e-4, `norm ${norm}`);
    }
    assert.notDeepEqual(Array.from(decoded.data[0].embedding), Array.from(decoded.data[1].embedding));
    assert.equal(decoded.usage.prompt_tokens, floats.usage.prompt_tokens);
    assert.ok(decoded.usage.prompt_tokens > 0);
  });
}

let failed = 0;
for (const [name, fn] of checks) {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e?.stack ?? e}`);
  }
}
console.log(`${checks.length - failed}/${checks.length} passed`);
process.exit(failed === 0 ? 0 : 1);
