import { createHash } from 'node:crypto';

/**
 * Evaluates an ARM (Azure Resource Manager) JSON template for given parameters, the way a
 * deployment would, for the template functions deploy/azure/azuredeploy.json uses. What only
 * Azure knows at deployment time (reference(), listKeys()) comes from the `azure` stand-in, so a
 * test sees the container app's environment, the Key Vault secrets and every resource id as they
 * would be. An unknown function, a missing parameter or variable, or a reference the stand-in
 * cannot answer throws.
 */
export interface ArmParameter {
  type: 'string' | 'securestring' | 'int' | 'bool' | 'object' | 'secureObject' | 'array';
  defaultValue?: unknown;
  allowedValues?: unknown[];
  minValue?: number;
  maxValue?: number;
  minLength?: number;
  maxLength?: number;
}

export interface ArmResource {
  type: string;
  apiVersion: string;
  name: string;
  condition?: unknown;
  scope?: string;
  dependsOn?: string[];
  [key: string]: unknown;
}

export interface ArmTemplate {
  parameters: Record<string, ArmParameter>;
  variables?: Record<string, unknown>;
  resources: ArmResource[];
  outputs?: Record<string, { type: string; value: unknown }>;
}

/** What Azure answers: reference(resourceId).path and listKeys(resourceId). */
export interface AzureStandIn {
  reference(resourceId: string, path: string[]): unknown;
  listKeys(resourceId: string): Record<string, string>;
}

export interface DeployedResource {
  id: string;
  type: string;
  name: string;
  deployed: boolean;
  /** The resource with every expression evaluated (only for deployed resources). */
  body: Record<string, unknown>;
  dependsOn: string[];
}

export const SUBSCRIPTION_ID = '11111111-2222-3333-4444-555555555555';
export const TENANT_ID = '66666666-7777-8888-9999-000000000000';
export const RESOURCE_GROUP = 'vit-test';
const RESOURCE_GROUP_ID = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${RESOURCE_GROUP}`;

/** A symbolic reference(): resolved through the stand-in when its value is needed. */
class Reference {
  constructor(
    readonly resourceId: string,
    readonly path: string[],
  ) {}
}

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw new Error(`unterminated string in [${source}]`);
        if (source[i] === "'") {
          if (source[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += source[i++];
      }
      tokens.push({ kind: 'string', text });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(source.slice(i));
      if (!m) throw new Error(`bad number in [${source}]`);
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ kind: 'name', text: m[0] });
      i += m[0].length;
    } else if ('(),.[]'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw new Error(`unexpected "${c}" in [${source}]`);
    }
  }
  return tokens;
}

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'member'; target: Node; property: string }
  | { kind: 'index'; target: Node; index: Node };

function parseExpression(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (text: string) => {
    const t = tokens[pos++];
    if (!t || t.text !== text) throw new Error(`expected "${text}" in [${source}]`);
  };
  const primary = (): Node => {
    const t = tokens[pos++];
    if (!t) throw new Error(`unexpected end of [${source}]`);
    if (t.kind === 'string') return { kind: 'literal', value: t.text };
    if (t.kind === 'number') return { kind: 'literal', value: Number(t.text) };
    if (t.kind !== 'name') throw new Error(`unexpected "${t.text}" in [${source}]`);
    expect('(');
    const args: Node[] = [];
    if (peek()?.text !== ')') {
      args.push(expression());
      while (peek()?.text === ',') {
        pos++;
        args.push(expression());
      }
    }
    expect(')');
    return { kind: 'call', name: t.text, args };
  };
  const expression = (): Node => {
    let node = primary();
    for (;;) {
      if (peek()?.text === '.') {
        pos++;
        const name = tokens[pos++];
        if (name?.kind !== 'name') throw new Error(`expected a property name in [${source}]`);
        node = { kind: 'member', target: node, property: name.text };
      } else if (peek()?.text === '[') {
        pos++;
        const index = expression();
        expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  };
  const node = expression();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos].text}" in [${source}]`);
  return node;
}

const isExpression = (s: string) => s.startsWith('[') && s.endsWith(']') && !s.startsWith('[[');

function base32(bytes: Buffer, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...bytes.subarray(0, length)].map((b) => alphabet[b % 32]).join('');
}

export class ArmDeployment {
  private readonly variableCache = new Map<string, unknown>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly template: ArmTemplate,
    private readonly given: Record<string, unknown>,
    private readonly azure: AzureStandIn,
    readonly location = 'westeurope',
  ) {
    for (const name of Object.keys(given)) {
      if (!(name in template.parameters)) throw new Error(`parameter "${name}" is not declared in the template`);
    }
    for (const name of Object.keys(template.parameters)) this.parameter(name);
  }

  parameter(name: string): unknown {
    const declared = this.template.parameters[name];
    if (!declared) throw new Error(`parameters('${name}'): not declared`);
    if (!(name in this.given) && declared.defaultValue === undefined) throw new Error(`parameter "${name}" is required`);
    const value = name in this.given ? this.given[name] : this.evaluate(declared.defaultValue);
    const kind = declared.type === 'int' ? 'number' : declared.type === 'bool' ? 'boolean' : declared.type.includes('string') ? 'string' : 'object';
    if (typeof value !== kind) throw new Error(`parameter "${name}" must be a ${declared.type}, got ${JSON.stringify(value)}`);
    if (declared.allowedValues && !declared.allowedValues.includes(value)) throw new Error(`parameter "${name}": ${JSON.stringify(value)} is not allowed`);
    if (typeof value === 'number' && ((declared.minValue ?? -Infinity) > value || (declared.maxValue ?? Infinity) < value)) {
      throw new Error(`parameter "${name}": ${value} is out of range`);
    }
    if (typeof value === 'string' && ((declared.minLength ?? 0) > value.length || (declared.maxLength ?? Infinity) < value.length)) {
      throw new Error(`parameter "${name}": length ${value.length} is out of range`);
    }
    return value;
  }

  variable(name: string): unknown {
    if (this.variableCache.has(name)) return this.variableCache.get(name);
    const variables = this.template.variables ?? {};
    if (!(name in variables)) throw new Error(`variables('${name}'): not declared`);
    if (this.evaluating.has(name)) throw new Error(`variables('${name}') refers to itself`);
    this.evaluating.add(name);
    const value = this.evaluate(variables[name]);
    this.evaluating.delete(name);
    this.variableCache.set(name, value);
    return value;
  }

  /** Evaluates every expression in a value (strings, object keys, nested arrays and objects). */
  evaluate(value: unknown): unknown {
    if (typeof value === 'string') {
      if (value.startsWith('[[')) return value.slice(1);
      return isExpression(value) ? this.resolve(this.run(parseExpression(value.slice(1, -1)))) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.evaluate(v));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [String(this.evaluate(k)), this.evaluate(v)]));
    }
    return value;
  }

  /** Every resource of the template: its id, whether its condition holds, and its evaluated body. */
  resources(): DeployedResource[] {
    return this.template.resources.map((resource) => {
      const deployed = resource.condition === undefined ? true : this.evaluate(resource.condition) === true;
      const name = String(this.evaluate(resource.name));
      const scope = resource.scope === undefined ? undefined : String(this.evaluate(resource.scope));
      const id = scope
        ? `${RESOURCE_GROUP_ID}/providers/${scope}/providers/${resource.type}/${name}`
        : this.resourceId(resource.type, ...name.split('/'));
      const dependsOn = (resource.dependsOn ?? []).map((d) => String(this.evaluate(d)));
      const body = deployed ? (this.evaluate(resource) as Record<string, unknown>) : {};
      return { id, type: resource.type, name, deployed, body, dependsOn };
    });
  }

  outputs(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.template.outputs ?? {}).map(([k, o]) => [k, this.evaluate(o.value)]));
  }

  resourceId(type: string, ...names: string[]): string {
    const [namespace, ...types] = type.split('/');
    if (types.length !== names.length) throw new Error(`resourceId('${type}', ${names.join(', ')}): ${types.length} names expected`);
    if (names.some((n) => !n)) throw new Error(`resourceId('${type}'): a name is empty`);
    return `${RESOURCE_GROUP_ID}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
  }

  private resolve(value: unknown): unknown {
    if (value instanceof Reference) return this.resolve(this.azure.reference(value.resourceId, value.path));
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    return value;
  }

  private text(value: unknown): string {
    const v = this.resolve(value);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  }

  private run(node: Node): unknown {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'member': {
        const target = this.run(node.target);
        if (target instanceof Reference) return new Reference(target.resourceId, [...target.path, node.property]);
        if (!target || typeof target !== 'object' || !(node.property in target)) throw new Error(`no property "${node.property}" on ${JSON.stringify(target)}`);
        return (target as Record<string, unknown>)[node.property];
      }
      case 'index': {
        const target = this.resolve(this.run(node.target));
        const index = this.resolve(this.run(node.index)) as string | number;
        if (!target || typeof target !== 'object' || !(index in target)) throw new Error(`no [${index}] in ${JSON.stringify(target)}`);
        return (target as Record<string | number, unknown>)[index];
      }
      case 'call':
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, argNodes: Node[]): unknown {
    // if() evaluates only the branch it takes.
    if (name === 'if') {
      if (argNodes.length !== 3) throw new Error('if() takes 3 arguments');
      return this.resolve(this.run(argNodes[0])) === true ? this.run(argNodes[1]) : this.run(argNodes[2]);
    }
    const args = argNodes.map((a) => this.run(a));
    const values = () => args.map((a) => this.resolve(a));
    const hash = (...parts: unknown[]) => createHash('sha256').update(parts.map((p) => this.text(p)).join('|')).digest();
    switch (name) {
      case 'parameters':
        return this.parameter(String(args[0]));
      case 'variables':
        return this.variable(String(args[0]));
      case 'concat': {
        const v = values();
        return v.every(Array.isArray) ? v.flat() : v.map((x) => this.text(x)).join('');
      }
      case 'format': {
        const [fmt, ...rest] = args;
        return String(fmt).replace(/\{(\d+)\}/g, (_, i: string) => {
          if (Number(i) >= rest.length) throw new Error(`format('${fmt}'): no argument {${i}}`);
          return this.text(rest[Number(i)]);
        });
      }
      case 'string':
        return this.text(args[0]);
      case 'json':
        return JSON.parse(this.text(args[0]));
      case 'empty': {
        const [v] = values();
        return v === '' || v === null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);
      }
      case 'not':
        return !(values()[0] === true);
      case 'and':
        return values().every((v) => v === true);
      case 'or':
        return values().some((v) => v === true);
      case 'equals': {
        const [a, b] = values();
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'max':
        return Math.max(...(values() as number[]));
      case 'min':
        return Math.min(...(values() as number[]));
      case 'toLower':
        return this.text(args[0]).toLowerCase();
      case 'take': {
        const [v, n] = values();
        return (v as string | unknown[]).slice(0, n as number);
      }
      case 'uriComponent':
        return encodeURIComponent(this.text(args[0]));
      case 'createArray':
        return values();
      case 'createObject': {
        const v = values();
        if (v.length % 2) throw new Error('createObject() takes key/value pairs');
        return Object.fromEntries(Array.from({ length: v.length / 2 }, (_, i) => [String(v[2 * i]), v[2 * i + 1]]));
      }
      case 'uniqueString':
        return base32(hash(...args), 13);
      case 'guid': {
        const h = hash(...args).toString('hex');
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      }
      case 'resourceGroup':
        return { id: RESOURCE_GROUP_ID, name: RESOURCE_GROUP, location: this.location };
      case 'subscription':
        return { id: `/subscriptions/${SUBSCRIPTION_ID}`, subscriptionId: SUBSCRIPTION_ID, tenantId: TENANT_ID };
      case 'environment':
        return { name: 'AzureCloud', suffixes: { keyvaultDns: '.vault.azure.net', acrLoginServer: '.azurecr.io', storage: 'core.windows.net' } };
      case 'resourceId': {
        const [type, ...names] = values().map((v) => this.text(v));
        return this.resourceId(type, ...names);
      }
      case 'subscriptionResourceId': {
        const [type, ...names] = values().map((v) => this.text(v));
        return this.resourceId(type, ...names).replace(`/resourceGroups/${RESOURCE_GROUP}`, '');
      }
      case 'extensionResourceId': {
        const [scope, type, ...names] = values().map((v) => this.text(v));
        const [namespace, ...types] = type.split('/');
        return `${scope}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
      }
      case 'reference':
        return new Reference(this.text(args[0]), []);
      case 'listKeys':
        return this.azure.listKeys(this.text(args[0]));
      default:
        throw new Error(`unknown template function ${name}()`);
    }
  }
}
