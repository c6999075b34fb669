// Provider rules: package registries and build/deploy services (npm, PyPI, Docker Hub, RubyGems, NuGet,
// crates.io, JFrog/Artifactory, Clojars, Hex, Packagist, CircleCI, Buildkite, SonarQube, Snyk…).
// GitHub Packages tokens are GitHub tokens (code-hosting.ts).
import type { Rule } from '../../engine/types.js';
import { assignedTo, lettersAndDigits } from '../assigned.js';
import { ALPHABETS, fakeToken } from '../fake.js';
import { fakeUuid, UUID } from './shapes.js';

const hex = ALPHABETS.hexLower;
const b64url = ALPHABETS.base64url;
const lower = ALPHABETS.lowerAlnum;

export const rules: Rule[] = [
  {
    id: 'npm-access-token',
    title: 'npm access token',
    provider: 'npm',
    severity: 'critical',
    keywords: ['npm_'],
    pattern: /\b(npm_[A-Za-z0-9]{36})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`//registry.npmjs.org/:_authToken=${fakeToken('npm_', 36, 1)}`, `"NPM_TOKEN": "${fakeToken('npm_', 36, 2)}"`],
        negative: ['NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `npm_${fakeToken('', 20, 3)}`, 'npm_config_registry_url_for_the_workspace1'],
      };
    },
  },
  {
    id: 'npmrc-auth-token',
    title: 'Registry auth token in .npmrc',
    provider: 'npm',
    severity: 'high',
    description: 'An `_authToken` for any registry (npm legacy UUID tokens, private registries); `npm_` tokens are npm-access-token.',
    keywords: [':_authtoken='],
    pattern: /:_authToken=(?!npm_[A-Za-z0-9]{36}\b)["']?([A-Za-z0-9._~+/=-]{20,})/i,
    entropy: 3.3,
    get examples() {
      return {
        positive: [`//registry.npmjs.org/:_authToken=${fakeUuid(4)}`, `//npm.pkg.example-corp.io/:_authToken=${fakeToken('', 40, 5, b64url)}`],
        negative: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', `//registry.npmjs.org/:_authToken=${fakeToken('npm_', 36, 6)}`],
      };
    },
  },
  {
    id: 'pypi-upload-token',
    title: 'PyPI upload token',
    provider: 'PyPI',
    severity: 'critical',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc${fakeToken('CJ', 150, 7, b64url)}`, `password = pypi-AgEIcHlwaS5vcmc${fakeToken('CJ', 120, 8, b64url)}`],
        negative: ['TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc...', `pypi-${fakeToken('', 100, 9, b64url)}`],
      };
    },
  },
  {
    id: 'pypi-test-upload-token',
    title: 'TestPyPI upload token',
    provider: 'PyPI',
    severity: 'low',
    keywords: ['pypi-agendgvzdc5wexbplm9yzw'],
    pattern: /\b(pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{50,1000})(?![\w-])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw${fakeToken('CJ', 120, 10, b64url)}`, `password: pypi-AgENdGVzdC5weXBpLm9yZw${fakeToken('CJ', 120, 11, b64url)}`],
        negative: ['pypi-AgENdGVzdC5weXBpLm9yZw', `pypi-AgENdGVzdC5weXBpLm9yZw${fakeToken('', 20, 12)}`],
      };
    },
  },
  {
    id: 'docker-hub-pat',
    title: 'Docker Hub personal access token',
    provider: 'Docker Hub',
    severity: 'high',
    keywords: ['dckr_pat_'],
    pattern: /\b(dckr_pat_[A-Za-z0-9_-]{27})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`DOCKERHUB_TOKEN=${fakeToken('dckr_pat_', 27, 13, b64url)}`, `echo ${fakeToken('dckr_pat_', 27, 14, b64url)} | docker login -u ci --password-stdin`],
        negative: ['DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx', `dckr_pat_${fakeToken('', 12, 15)}`],
      };
    },
  },
  {
    id: 'docker-hub-org-access-token',
    title: 'Docker Hub organization access token',
    provider: 'Docker Hub',
    severity: 'high',
    keywords: ['dckr_oat_'],
    pattern: /\b(dckr_oat_[A-Za-z0-9_-]{32})(?![\w-])/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`DOCKER_ORG_TOKEN=${fakeToken('dckr_oat_', 32, 16, b64url)}`, `"password": "${fakeToken('dckr_oat_', 32, 17, b64url)}"`],
        negative: ['dckr_oat_<token>', `dckr_oat_${fakeToken('', 12, 18)}`],
      };
    },
  },
  {
    id: 'rubygems-api-token',
    title: 'RubyGems API key',
    provider: 'RubyGems',
    severity: 'critical',
    keywords: ['rubygems_'],
    pattern: /\b(rubygems_[a-f0-9]{48})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`GEM_HOST_API_KEY=${fakeToken('rubygems_', 48, 19, hex)}`, `:rubygems_api_key: ${fakeToken('rubygems_', 48, 20, hex)}`],
        negative: ['rubygems_api_key_for_publishing_the_gem_to_the_index', `rubygems_${fakeToken('', 30, 21, hex)}`],
      };
    },
  },
  {
    id: 'nuget-api-key',
    title: 'NuGet API key',
    provider: 'NuGet',
    severity: 'critical',
    keywords: ['oy2'],
    pattern: /\b(?<![+/])(oy2[a-z0-9]{43})(?![\w+/=])/,
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s.slice(3)),
    get examples() {
      return {
        positive: [`NUGET_API_KEY=${fakeToken('oy2', 43, 22, lower)}`, `dotnet nuget push pkg.nupkg --api-key ${fakeToken('oy2', 43, 23, lower)} --source https://api.nuget.org/v3/index.json`],
        negative: ['NUGET_API_KEY=oy2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `oy2${fakeToken('', 43, 24, 'abcdefghijklmnopqrstuvwxyz')}`],
      };
    },
  },
  {
    id: 'crates-io-api-key',
    title: 'crates.io API token',
    provider: 'crates.io',
    severity: 'critical',
    keywords: ['cio'],
    pattern: /\b(?<![+/])(cio[A-Za-z0-9]{32})(?![\w+/=])/,
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s.slice(3)) && (s.slice(3).match(/[0-9]/g)?.length ?? 0) >= 3,
    get examples() {
      return {
        positive: [`CARGO_REGISTRY_TOKEN=${fakeToken('cio', 32, 25)}`, `[registry]\ntoken = "${fakeToken('cio', 32, 26)}"`],
        negative: ['cioRegistrationControllerForTheWorld', `CARGO_REGISTRY_TOKEN=cio${fakeToken('', 20, 27)}`],
      };
    },
  },
  {
    id: 'artifactory-api-key',
    title: 'JFrog Artifactory API key',
    provider: 'JFrog',
    severity: 'critical',
    keywords: ['akcp'],
    pattern: /\b(?<![+/])(AKCp[A-Za-z0-9]{69})(?![\w+/=])/,
    entropy: 4,
    get examples() {
      return {
        positive: [`ARTIFACTORY_API_KEY=${fakeToken('AKCp', 69, 28)}`, `"X-JFrog-Art-Api": "${fakeToken('AKCp', 69, 29)}"`],
        negative: ['ARTIFACTORY_API_KEY=AKCpXXXXXXXX', `AKCp${fakeToken('', 40, 30)}`],
      };
    },
  },
  {
    id: 'artifactory-reference-token',
    title: 'JFrog reference (identity) token',
    provider: 'JFrog',
    severity: 'critical',
    keywords: ['cmvmdgtuojaxoj'],
    pattern: /\b(cmVmdGtuOjAxOj[A-Za-z0-9]{49})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj${fakeToken('', 49, 31)}`, `"password": "cmVmdGtuOjAxOj${fakeToken('', 49, 32)}"`],
        negative: ['cmVmdGtuOjAxOj', `cmVmdGtuOjAxOj${fakeToken('', 20, 33)}`],
      };
    },
  },
  {
    id: 'clojars-api-token',
    title: 'Clojars deploy token',
    provider: 'Clojars',
    severity: 'critical',
    keywords: ['clojars_'],
    pattern: /\b(CLOJARS_[a-z0-9]{60})\b/i,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`CLOJARS_PASSWORD=${fakeToken('CLOJARS_', 60, 34, lower)}`, `:password "${fakeToken('CLOJARS_', 60, 35, lower)}"`],
        negative: ['CLOJARS_USERNAME=someone', `CLOJARS_${fakeToken('', 30, 36, lower)}`],
      };
    },
  },
  {
    id: 'hex-pm-api-key',
    title: 'Hex.pm API key',
    provider: 'Hex',
    severity: 'critical',
    keywords: ['hex_api_key', 'hexpm', 'hex-api-key'],
    pattern: assignedTo('hex[_-]api[_-]key|hexpm', '[a-f0-9]{32}', { gap: 16 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`HEX_API_KEY=${fakeToken('', 32, 37, hex)}`, `"HEXPM_KEY": "${fakeToken('', 32, 38, hex)}"`],
        negative: [`HEX_COLOR=${fakeToken('', 32, 39, hex)}`, 'HEX_API_KEY=${{ secrets.HEX_API_KEY }}'],
      };
    },
  },
  {
    id: 'packagist-token',
    title: 'Packagist API or update token',
    provider: 'Packagist',
    severity: 'high',
    keywords: ['packagist_'],
    pattern: /\b(packagist_[a-z]{3}_[a-f0-9]{60,80})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`PACKAGIST_TOKEN=packagist_uut_${fakeToken('', 68, 40, hex)}`, `"packagist.com": "packagist_ort_${fakeToken('', 68, 41, hex)}"`],
        negative: ['packagist_uut_<token>', `packagist_uut_${fakeToken('', 20, 42, hex)}`],
      };
    },
  },
  {
    id: 'circleci-personal-token',
    title: 'CircleCI personal or project API token',
    provider: 'CircleCI',
    severity: 'high',
    keywords: ['ccipat_', 'cciprj_'],
    pattern: /\b(CCI(?:PAT|PRJ)_[A-Za-z0-9]{22}_[a-f0-9]{40})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`CIRCLECI_TOKEN=CCIPAT_${fakeToken('', 22, 43)}_${fakeToken('', 40, 44, hex)}`, `"CIRCLE_TOKEN": "CCIPRJ_${fakeToken('', 22, 45)}_${fakeToken('', 40, 46, hex)}"`],
        negative: ['CCIPAT_xxxx_yyyy', `CCIPAT_${fakeToken('', 22, 47)}`],
      };
    },
  },
  {
    id: 'circleci-legacy-token',
    title: 'CircleCI API token (legacy hex form)',
    provider: 'CircleCI',
    severity: 'high',
    keywords: ['circle'],
    pattern: assignedTo('circle(?:ci)?[_-]?(?:api[_-]?)?token', '[a-f0-9]{40}', { gap: 8 }),
    entropy: 3,
    get examples() {
      return {
        positive: [`CIRCLECI_TOKEN=${fakeToken('', 40, 48, hex)}`, `"CIRCLE_TOKEN": "${fakeToken('', 40, 49, hex)}"`],
        negative: [`CIRCLE_SHA1=${fakeToken('', 40, 50, hex)}`, `TOKEN=${fakeToken('', 40, 51, hex)}`],
      };
    },
  },
  {
    id: 'buildkite-api-token',
    title: 'Buildkite API access token',
    provider: 'Buildkite',
    severity: 'high',
    keywords: ['bkua_'],
    pattern: /\b(bkua_[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`BUILDKITE_API_TOKEN=${fakeToken('bkua_', 40, 52, hex)}`, `"BUILDKITE_TOKEN": "${fakeToken('bkua_', 40, 53, hex)}"`],
        negative: ['bkua_<token>', `bkua_${fakeToken('', 20, 54, hex)}`],
      };
    },
  },
  {
    id: 'buildkite-agent-token',
    title: 'Buildkite agent token',
    provider: 'Buildkite',
    severity: 'high',
    keywords: ['buildkite'],
    pattern: assignedTo('buildkite[_-]?agent[_-]?token', '[a-z0-9]{40,64}', { gap: 4 }),
    entropy: 3.5,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`BUILDKITE_AGENT_TOKEN=${fakeToken('', 50, 55, lower)}`, `"BUILDKITE_AGENT_TOKEN": "${fakeToken('', 50, 56)}"`],
        negative: ['BUILDKITE_AGENT_TOKEN=xxx', `TOKEN=${fakeToken('', 50, 57, hex)}`],
      };
    },
  },
  {
    id: 'sonar-api-token',
    title: 'SonarQube / SonarCloud token',
    provider: 'SonarSource',
    severity: 'high',
    keywords: ['sqp_', 'squ_', 'sqa_'],
    pattern: /\b(sq[pua]_[a-f0-9]{40})\b/,
    entropy: 3,
    get examples() {
      return {
        positive: [`SONAR_TOKEN=${fakeToken('squ_', 40, 58, hex)}`, `sonar-scanner -Dsonar.token=${fakeToken('sqp_', 40, 59, hex)}`],
        negative: ['SONAR_TOKEN=squ_<token>', `squ_${fakeToken('', 30, 60, hex)}`],
      };
    },
  },
  {
    id: 'snyk-api-token',
    title: 'Snyk API token',
    provider: 'Snyk',
    severity: 'high',
    keywords: ['snyk'],
    pattern: assignedTo('snyk', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`SNYK_TOKEN=${fakeUuid(61)}`, `"snykToken": "${fakeUuid(62)}"`],
        negative: [`SNYK_ORG_ID=my-org`, `TOKEN=${fakeUuid(63)}`],
      };
    },
  },
  {
    id: 'codecov-access-token',
    title: 'Codecov upload token',
    provider: 'Codecov',
    severity: 'medium',
    keywords: ['codecov'],
    pattern: assignedTo('codecov', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`CODECOV_TOKEN=${fakeUuid(64)}`, `"CODECOV_TOKEN": "${fakeUuid(65)}"`],
        negative: ['CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}', `TOKEN=${fakeUuid(66)}`],
      };
    },
  },
  {
    id: 'octopus-deploy-api-key',
    title: 'Octopus Deploy API key',
    provider: 'Octopus Deploy',
    severity: 'high',
    keywords: ['api-'],
    pattern: /\b(?<!-)(API-[A-Z0-9]{26})\b/,
    entropy: 3.5,
    validate: (s) => lettersAndDigits(s.slice(4)),
    get examples() {
      return {
        positive: [`OCTOPUS_API_KEY=${fakeToken('API-', 26, 67, ALPHABETS.upperAlnum)}`, `"X-Octopus-ApiKey": "${fakeToken('API-', 26, 68, ALPHABETS.upperAlnum)}"`],
        negative: ['API-XXXXXXXXXXXXXXXXXXXXXXXXXX', 'API-DOCUMENTATIONFORCLIENTS', `X-API-${fakeToken('', 26, 69, ALPHABETS.upperAlnum)}`],
      };
    },
  },
  {
    id: 'harness-api-key',
    title: 'Harness personal or service-account token',
    provider: 'Harness',
    severity: 'high',
    keywords: ['pat.', 'sat.'],
    pattern: /\b((?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})\b/,
    entropy: 4,
    get examples() {
      return {
        positive: [`HARNESS_API_KEY=pat.${fakeToken('', 22, 70, b64url)}.${fakeToken('', 24, 71)}.${fakeToken('', 20, 72)}`, `"x-api-key": "sat.${fakeToken('', 22, 73, b64url)}.${fakeToken('', 24, 74)}.${fakeToken('', 20, 75)}"`],
        negative: ['pat.account.token.value', `pat.${fakeToken('', 22, 76)}.${fakeToken('', 10, 77)}`],
      };
    },
  },
  {
    id: 'render-api-key',
    title: 'Render API key',
    provider: 'Render',
    severity: 'high',
    keywords: ['rnd_'],
    pattern: /\b(rnd_[A-Za-z0-9]{28,32})\b/,
    entropy: 3.5,
    get examples() {
      return {
        positive: [`RENDER_API_KEY=${fakeToken('rnd_', 28, 78)}`, `"RENDER_API_KEY": "${fakeToken('rnd_', 32, 79)}"`],
        negative: ['RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `rnd_${fakeToken('', 16, 80)}`],
      };
    },
  },
  {
    id: 'railway-api-token',
    title: 'Railway API token',
    provider: 'Railway',
    severity: 'high',
    keywords: ['railway'],
    pattern: assignedTo('railway', UUID),
    entropy: 3,
    get examples() {
      return {
        positive: [`RAILWAY_TOKEN=${fakeUuid(81)}`, `"RAILWAY_API_TOKEN": "${fakeUuid(82)}"`],
        negative: [`RAILWAY_PROJECT=my-project`, `TOKEN=${fakeUuid(83)}`],
      };
    },
  },
  {
    id: 'expo-access-token',
    title: 'Expo access token',
    provider: 'Expo',
    severity: 'high',
    keywords: ['expo_', 'expo-', 'expotoken', 'expoaccess'],
    pattern: assignedTo('expo[_-]?(?:access[_-]?)?token', '[a-z0-9_-]{40}', { gap: 8 }),
    entropy: 4,
    validate: lettersAndDigits,
    get examples() {
      return {
        positive: [`EXPO_TOKEN=${fakeToken('', 40, 84, b64url)}`, `"EXPO_ACCESS_TOKEN": "${fakeToken('', 40, 85, b64url)}"`],
        negative: [`EXPORT_TOKEN=${fakeToken('', 40, 86, b64url)}`, 'EXPO_TOKEN=${{ secrets.EXPO_TOKEN }}'],
      };
    },
  },
];
