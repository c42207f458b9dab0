import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/projectRoot';
import { EnvSchema, loadConfig, whatsAppEnabled } from '../src/config';
import { ArmDeployment, ArmTemplate, AzureStandIn, DeployedResource, TENANT_ID } from './support/armTemplate';

const readJson = (file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
const template = readJson('deploy/azure/azuredeploy.json') as ArmTemplate;

const REDIS_KEY = 'p4ss+w/rd=='; // Azure access keys hold +, / and =
const APP_ID = '3f2c9a7e-1b4d-4c8e-9f0a-5d6e7f8a9b0c';

/** What Azure would answer for reference() and listKeys() of the resources this template makes. */
const azure: AzureStandIn = {
  reference(id, pathParts) {
    const [, type, name] = /providers\/([^/]+\/[^/]+)\/([^/]+)$/.exec(id) ?? [];
    const key = `${type} ${pathParts.join('.')}`;
    const answers: Record<string, unknown> = {
      'Microsoft.ManagedIdentity/userAssignedIdentities principalId': 'aaaaaaaa-0000-4000-8000-000000000001',
      'Microsoft.ManagedIdentity/userAssignedIdentities clientId': 'aaaaaaaa-0000-4000-8000-000000000002',
      'Microsoft.Cache/redis hostName': `${name}.redis.cache.windows.net`,
      'Microsoft.Cache/redis sslPort': 6380,
      'Microsoft.App/containerApps configuration.ingress.fqdn': `${name}.calmsea-1a2b3c4d.westeurope.azurecontainerapps.io`,
      'Microsoft.OperationalInsights/workspaces customerId': 'aaaaaaaa-0000-4000-8000-000000000003',
      'Microsoft.BotService/botServices endpoint': 'https://from-the-bot-resource/api/messages',
    };
    if (!(key in answers)) throw new Error(`the Azure stand-in has no reference(${id}).${pathParts.join('.')}`);
    return answers[key];
  },
  listKeys(id): Record<string, string> {
    if (id.includes('/Microsoft.Cache/redis/')) return { primaryKey: REDIS_KEY, secondaryKey: 'other' };
    if (id.includes('/Microsoft.OperationalInsights/workspaces/')) return { primarySharedKey: 'shared-key' };
    throw new Error(`the Azure stand-in has no listKeys(${id})`);
  },
};

const required = {
  containerImage: 'vitregistry.azurecr.io/vit-bot:0.1.0',
  microsoftAppId: APP_ID,
  microsoftAppPassword: 'app-password-value',
  logPseudonymSecret: 'a-long-pseudonym-secret-value',
};
const everything = {
  ...required,
  containerRegistryName: 'vitregistry',
  consoleAdminUsername: 'admin',
  consoleAdminPassword: 'a-good-long-password',
  whatsAppPhoneNumberId: '1234567890',
  whatsAppAccessToken: 'wa-token',
  whatsAppAppSecret: 'wa-app-secret',
  whatsAppVerifyToken: 'wa-verify',
  cluEndpoint: 'https://vit-language.cognitiveservices.azure.com',
  cluProject: 'vit-faq',
  cluDeployment: 'production',
  cluKey: 'clu-key-value',
  teamsMentorChannelId: '19:mentors123@thread.tacv2',
};

function deploy(parameters: Record<string, unknown>) {
  const deployment = new ArmDeployment(template, parameters, azure);
  const resources = deployment.resources();
  const only = (type: string) => {
    const found = resources.filter((r) => r.type === type && r.deployed);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { deployment, resources, only };
}

type EnvVar = { name: string; value?: string; secretRef?: string };
type AppSecret = { name: string; value?: string; keyVaultUrl?: string; identity?: string };

/** The container's environment as the running bot would see it: secret references followed into Key Vault. */
function containerEnvironment(resources: DeployedResource[], app: DeployedResource): Record<string, string> {
  const props = app.body.properties as { configuration: { secrets: AppSecret[] }; template: { containers: { env: EnvVar[] }[] } };
  const vault = resources.find((r) => r.type === 'Microsoft.KeyVault/vaults')!;
  const env: Record<string, string> = {};
  for (const variable of props.template.containers[0].env) {
    if (variable.secretRef === undefined) {
      env[variable.name] = variable.value!;
      continue;
    }
    const secret = props.configuration.secrets.find((s) => s.name === variable.secretRef);
    if (!secret) throw new Error(`${variable.name}: no app secret "${variable.secretRef}"`);
    const url = new URL(secret.keyVaultUrl!);
    expect(url.hostname).toBe(`${vault.name}.vault.azure.net`);
    const secretName = url.pathname.replace(/^\/secrets\//, '');
    const stored = resources.find((r) => r.type === 'Microsoft.KeyVault/vaults/secrets' && r.name === `${vault.name}/${secretName}`);
    if (!stored?.deployed) throw new Error(`${variable.name}: Key Vault secret "${secretName}" is not deployed`);
    env[variable.name] = (stored.body.properties as { value: string }).value;
  }
  return env;
}

describe('deploy/azure/azuredeploy.json', () => {
  it.each([
    ['the required parameters only', required, false],
    ['WhatsApp, a first console admin and CLU', everything, true],
  ])('gives the bot an environment its configuration accepts, with %s', (_, parameters, whatsApp) => {
    const { resources, only } = deploy(parameters);
    const env = containerEnvironment(resources, only('Microsoft.App/containerApps'));
    for (const name of Object.keys(env)) expect(Object.keys(EnvSchema.shape)).toContain(name);
    const result = loadConfig(env);
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config).toMatchObject({ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: APP_ID, MicrosoftAppTenantId: TENANT_ID });
    expect(result.config.MicrosoftAppPassword).toBe(parameters.microsoftAppPassword);
    expect(result.config.LOG_PSEUDONYM_SECRET).toBe(parameters.logPseudonymSecret);
    expect(whatsAppEnabled(result.config)).toBe(whatsApp);
    expect(!!result.config.CLU_KEY).toBe(whatsApp);
    expect(result.config.CONSOLE_ADMIN_PASSWORD).toBe(whatsApp ? everything.consoleAdminPassword : undefined);
    expect(result.config.TEAMS_MENTOR_CHANNEL_ID).toBe(whatsApp ? everything.teamsMentorChannelId : undefined);
  });

  it('hands the bot a TLS-only Redis that does not evict, through a rediss:// URL with the key encoded', () => {
    const { resources, only } = deploy(required);
    const redis = only('Microsoft.Cache/redis').body.properties as Record<string, unknown>;
    expect(redis).toMatchObject({ enableNonSslPort: false, minimumTlsVersion: '1.2', redisConfiguration: { 'maxmemory-policy': 'noeviction' } });
    const url = new URL(containerEnvironment(resources, only('Microsoft.App/containerApps')).REDIS_URL);
    expect(url.protocol).toBe('rediss:');
    expect(url.port).toBe('6380');
    expect(url.hostname).toBe(`${only('Microsoft.Cache/redis').name}.redis.cache.windows.net`);
    expect(decodeURIComponent(url.password)).toBe(REDIS_KEY);
  });

  it('keeps every secret in Key Vault: securestring parameters, Key Vault references in the app, nothing in outputs', () => {
    const secretName = /password|secret|token|key$/i;
    for (const [name, parameter] of Object.entries(template.parameters)) {
      if (secretName.test(name)) expect([name, parameter.type]).toEqual([name, 'securestring']);
      if (parameter.type === 'securestring') expect([name, parameter.defaultValue ?? '']).toEqual([name, '']);
    }
    const { deployment, resources, only } = deploy(everything);
    const app = only('Microsoft.App/containerApps');
    const identity = only('Microsoft.ManagedIdentity/userAssignedIdentities');
    const { secrets } = (app.body.properties as { configuration: { secrets: AppSecret[] } }).configuration;
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const secret of secrets) {
      expect(secret).toEqual({ name: secret.name, keyVaultUrl: expect.stringMatching(/^https:\/\//), identity: identity.id });
    }
    expect(Object.keys((app.body.identity as { userAssignedIdentities: object }).userAssignedIdentities)).toEqual([identity.id]);
    // The identity may read the vault's secrets, and nothing more.
    const vault = only('Microsoft.KeyVault/vaults');
    expect(vault.body.properties).toMatchObject({ enableRbacAuthorization: true });
    const grant = resources.find((r) => r.id.startsWith(`${vault.id}/providers/Microsoft.Authorization/roleAssignments/`))!;
    expect(grant.body.properties).toMatchObject({
      roleDefinitionId: expect.stringMatching(/\/roleDefinitions\/4633458b-17de-408a-b874-0445c86b69e6$/),
      principalId: azure.reference(identity.id, ['principalId']),
    });
    const outputs = JSON.stringify(deployment.outputs());
    for (const value of Object.values(everything)) if (String(value).length > 8) expect(outputs).not.toContain(String(value));
    expect(outputs).not.toContain(REDIS_KEY);
    expect(JSON.stringify(template.outputs)).not.toMatch(/listKeys|Password|Secret|Token|Key'\)/);
  });

  it('runs at least two replicas that scale on HTTP load, probed on /healthz and /readyz, with time to drain', () => {
    const { resources, only } = deploy(required);
    const app = only('Microsoft.App/containerApps');
    const env = containerEnvironment(resources, app);
    const props = app.body.properties as {
      configuration: { ingress: { external: boolean; targetPort: number; allowInsecure: boolean } };
      template: {
        terminationGracePeriodSeconds: number;
        containers: { image: string; probes: { type: string; httpGet: { path: string; port: number } }[] }[];
        scale: { minReplicas: number; maxReplicas: number; rules: { http?: { metadata: { concurrentRequests: string } } }[] };
      };
    };
    expect(props.configuration.ingress).toMatchObject({ external: true, targetPort: Number(env.PORT), allowInsecure: false });
    expect(props.template.containers[0].image).toBe(required.containerImage);
    const probes = Object.fromEntries(props.template.containers[0].probes.map((p) => [p.type, p.httpGet]));
    expect(probes).toEqual({
      Startup: { path: '/healthz', port: Number(env.PORT) },
      Liveness: { path: '/healthz', port: Number(env.PORT) },
      Readiness: { path: '/readyz', port: Number(env.PORT) },
    });
    expect(props.template.scale.minReplicas).toBeGreaterThanOrEqual(2);
    expect(props.template.scale.maxReplicas).toBeGreaterThanOrEqual(props.template.scale.minReplicas);
    expect(Number(props.template.scale.rules.find((r) => r.http)!.http!.metadata.concurrentRequests)).toBeGreaterThan(0);
    expect(props.template.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(env.SHUTDOWN_GRACE_MS));
    expect(() => deploy({ ...required, minReplicas: 1 })).toThrow(/minReplicas/);
  });

  it('registers a single-tenant Azure Bot at the app\'s /api/messages, with the Microsoft Teams channel', () => {
    const { only } = deploy(required);
    const app = only('Microsoft.App/containerApps');
    const bot = only('Microsoft.BotService/botServices');
    expect(bot.body).toMatchObject({ kind: 'azurebot', location: 'global' });
    expect(bot.body.properties).toMatchObject({
      msaAppType: 'SingleTenant',
      msaAppId: APP_ID,
      msaAppTenantId: TENANT_ID,
      endpoint: `https://${azure.reference(app.id, ['configuration', 'ingress', 'fqdn'])}/api/messages`,
    });
    const teams = only('Microsoft.BotService/botServices/channels');
    expect(teams.name).toBe(`${bot.name}/MsTeamsChannel`);
    expect(teams.body.properties).toMatchObject({ channelName: 'MsTeamsChannel', properties: { isEnabled: true } });
    expect(teams.dependsOn).toContain(bot.id);
  });

  it('pulls from the registry with the app identity only when a registry is named', () => {
    const withRegistry = deploy(everything);
    const identity = withRegistry.only('Microsoft.ManagedIdentity/userAssignedIdentities');
    const app = withRegistry.only('Microsoft.App/containerApps');
    expect((app.body.properties as { configuration: { registries: unknown[] } }).configuration.registries).toEqual([
      { server: 'vitregistry.azurecr.io', identity: identity.id },
    ]);
    const pull = withRegistry.resources.find((r) => r.id.includes('/registries/vitregistry/providers/Microsoft.Authorization/roleAssignments/'))!;
    expect(pull.deployed).toBe(true);
    expect(pull.body.properties).toMatchObject({ roleDefinitionId: expect.stringMatching(/\/7f951dfd-4ed1-4e89-b7d0-d5ce8d6b0d6e$/) });

    const publicImage = deploy(required);
    const plain = publicImage.only('Microsoft.App/containerApps');
    expect((plain.body.properties as { configuration: { registries: unknown[] } }).configuration.registries).toEqual([]);
    expect(publicImage.resources.filter((r) => r.deployed && r.id.includes('/Microsoft.ContainerRegistry/'))).toEqual([]);
  });

  it('names only resources of this template in dependsOn, and the app waits for its secrets and its read access', () => {
    const { resources, only } = deploy(everything);
    const ids = new Set(resources.map((r) => r.id));
    for (const resource of resources) for (const dependency of resource.dependsOn) expect([resource.name, ids.has(dependency)]).toEqual([resource.name, true]);
    const app = only('Microsoft.App/containerApps');
    const needed = resources.filter((r) => r.type === 'Microsoft.KeyVault/vaults/secrets' || r.type === 'Microsoft.Authorization/roleAssignments');
    for (const resource of needed) expect(app.dependsOn).toContain(resource.id);
  });

  it('has an example parameters file that fills every required parameter and passes secrets as Key Vault references', () => {
    const example = readJson('deploy/azure/azuredeploy.parameters.example.json') as { parameters: Record<string, { value?: unknown; reference?: { keyVault: { id: string }; secretName: string } }> };
    for (const name of Object.keys(example.parameters)) expect(Object.keys(template.parameters)).toContain(name);
    const requiredNames = Object.entries(template.parameters).filter(([, p]) => p.defaultValue === undefined).map(([n]) => n);
    for (const name of requiredNames) expect(Object.keys(example.parameters)).toContain(name);
    for (const [name, given] of Object.entries(example.parameters)) {
      if (template.parameters[name].type !== 'securestring') continue;
      expect(given.value).toBeUndefined();
      expect(given.reference).toEqual({ keyVault: { id: expect.stringMatching(/\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+$/) }, secretName: expect.any(String) });
    }
    // With the Key Vault references standing in for their secrets, the example deploys.
    const values = Object.fromEntries(Object.entries(example.parameters).map(([n, p]) => [n, p.reference ? `secret-from-${p.reference.secretName}` : p.value]));
    expect(deploy(values).resources.filter((r) => r.deployed).length).toBeGreaterThan(10);
  });
});
