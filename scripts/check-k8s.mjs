// Checks examples/k8s without a Kubernetes engine (none runs here), for scripts/test-cluster.sh:
//   node scripts/check-k8s.mjs WORKDIR FULL_CSV
// prints one "ok - …" / "not ok - …" line per check. First the files' fields (the image builds from
// the repository with ai-econ on PATH, the Indexed Job's shard count, failure policy and volume,
// the merge writing to the volume); then examples/k8s/run.sh runs as printed against a stand-in
// `kubectl` (this file with --kubectl) that runs each pod's command on this machine the way the
// Job would (JOB_COMPLETION_INDEX, env, the volume as a folder, retries by backoffLimitPerIndex and
// podFailurePolicy, the API's validation of those fields), with `ai-econ` from PATH in place of the
// image. The sweep is the test's (TEST_SWEEP, via $SWEEP), not the Job's 2,020 points; the merged
// file must equal FULL_CSV byte for byte, also after a failed shard and `run.sh K`. kubectl's
// --local edits go to the real kubectl when there is one.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const self = fileURLToPath(import.meta.url);
const repo = path.resolve(path.dirname(self), '..');
const k8s = path.join(repo, 'examples/k8s');

// ---------------------------------------------------------------------------------------------
function main(work, fullCsv) {
  let failed = 0;
  const check = (what, cond, why = '') => {
    console.log(`${cond ? 'ok' : 'not ok'} - k8s: ${what}${!cond && why ? ` (${why})` : ''}`);
    if (!cond) failed++;
  };
  const load = (f) =>
    YAML.parseAllDocuments(fs.readFileSync(path.join(k8s, f), 'utf8')).map((d) => d.toJS());

  // The image.
  const docker = fs.readFileSync(path.join(k8s, 'Dockerfile'), 'utf8');
  const from = [...docker.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
  const runs = [...docker.matchAll(/^RUN\s+(.*)$/gm)].map((m) => m[1]).join('\n');
  check(
    'Dockerfile: node:20-slim, npm ci of the repository, npm pack, npm install -g of the tarball, ai-econ on PATH at build time',
    from.length > 0 &&
      from.every((f) => f === 'node:20-slim') &&
      /COPY \. \./.test(docker) &&
      /npm ci\b/.test(runs) &&
      /npm pack\b/.test(runs) &&
      /npm install -g\b.*\.tgz/.test(runs) &&
      /ai-econ --version/.test(runs),
    `FROM ${from.join(', ')}`,
  );
  const ignore = fs.readFileSync(path.join(k8s, 'Dockerfile.dockerignore'), 'utf8').split('\n');
  check(
    'Dockerfile.dockerignore keeps node_modules and dist out of the build context',
    ignore.includes('node_modules') && ignore.includes('dist'),
  );

  // The objects.
  const [pvc] = load('pvc.yaml');
  const [job] = load('sweep-job.yaml');
  const [merge] = load('merge-job.yaml');
  const [fetch] = load('fetch-pod.yaml');
  const claim = pvc?.metadata?.name;
  check(
    'pvc.yaml: a ReadWriteMany PersistentVolumeClaim',
    pvc?.kind === 'PersistentVolumeClaim' && pvc.spec.accessModes.includes('ReadWriteMany'),
  );
  const claimOf = (pod) => pod.volumes?.map((v) => v.persistentVolumeClaim?.claimName);
  const c = job.spec.template.spec.containers[0];
  const env = Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value]));
  const rules = job.spec.podFailurePolicy?.rules ?? [];
  check(
    `sweep-job.yaml: Indexed, completions ${job.spec.completions} = SHARDS ${env.SHARDS}, --shard "$i/$SHARDS" with i = $JOB_COMPLETION_INDEX, -o to the volume`,
    job.kind === 'Job' &&
      job.spec.completionMode === 'Indexed' &&
      String(job.spec.completions) === env.SHARDS &&
      job.spec.parallelism <= job.spec.completions &&
      /i=\$\{SHARD:-\$JOB_COMPLETION_INDEX\}/.test(c.args.join(' ')) &&
      /--shard "\$i\/\$SHARDS"/.test(c.args.join(' ')) &&
      /-o "\/out\//.test(c.args.join(' ')),
  );
  check(
    `sweep-job.yaml: a small backoffLimitPerIndex (${job.spec.backoffLimitPerIndex}), exit code 2 fails its shard without a retry, restartPolicy Never`,
    job.spec.backoffLimitPerIndex >= 0 &&
      job.spec.backoffLimitPerIndex <= 3 &&
      job.spec.template.spec.restartPolicy === 'Never' &&
      rules.some(
        (r) =>
          ['FailIndex', 'FailJob'].includes(r.action) &&
          r.onExitCodes?.operator === 'In' &&
          r.onExitCodes.values.includes(2) &&
          r.onExitCodes.containerName === c.name,
      ),
  );
  check(
    `sweep-job.yaml: --jobs from the pod's CPU request (THREADS), the volume ${claim} at /out`,
    c.env.some(
      (e) => e.name === 'THREADS' && e.valueFrom?.resourceFieldRef?.resource === 'requests.cpu',
    ) &&
      /--jobs "\$THREADS"/.test(c.args.join(' ')) &&
      claimOf(job.spec.template.spec).includes(claim) &&
      c.volumeMounts.some((m) => m.mountPath === '/out'),
  );
  const mc = merge.spec.template.spec.containers[0];
  check(
    'merge-job.yaml: sweep merge of the shards on the volume, -o onto the volume, not retried',
    merge.kind === 'Job' &&
      merge.spec.backoffLimit === 0 &&
      /ai-econ sweep merge \/out\/sweep\/shard-\*\.jsonl .*-o \/out\/sweep\//.test(
        mc.args.join(' '),
      ) &&
      claimOf(merge.spec.template.spec).includes(claim) &&
      claimOf(fetch.spec).includes(claim),
  );
  const images = new Set([c.image, mc.image, fetch.spec.containers[0].image]);
  check(`one image everywhere (${[...images].join(', ')})`, images.size === 1);
  const runSh = fs.readFileSync(path.join(k8s, 'run.sh'), 'utf8');
  const syntax = spawnSync('bash', ['-n', path.join(k8s, 'run.sh')]);
  check(
    'run.sh: bash -n, docker build -f examples/k8s/Dockerfile, kubectl apply and kubectl wait',
    syntax.status === 0 &&
      /docker build -f "\$k\/Dockerfile"/.test(runSh) &&
      /kubectl apply/.test(runSh) &&
      /kubectl wait/.test(runSh),
    String(syntax.stderr),
  );

  // run.sh as printed, against the stand-in kubectl.
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  // KUBECTL= (empty) makes the stand-in do kubectl's --local edits too.
  const realKubectl =
    process.env.KUBECTL ?? spawnSync('sh', ['-c', 'command -v kubectl']).stdout.toString().trim();
  for (const [name, flag] of [
    ['kubectl', '--kubectl'],
    ['docker', '--docker'],
  ]) {
    fs.writeFileSync(
      path.join(bin, name),
      `#!/bin/sh\nexec "${process.execPath}" "${self}" ${flag} "$@"\n`,
      { mode: 0o755 },
    );
  }
  const state = path.join(work, 'cluster');
  const runEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH}`,
    FAKE_K8S: state,
    FAKE_K8S_KUBECTL: realKubectl,
  };
  const full = fs.readFileSync(fullCsv);
  const run = (dir, args) => {
    fs.mkdirSync(dir, { recursive: true });
    const t = Date.now();
    const r = spawnSync('bash', [path.join(k8s, 'run.sh'), ...args], {
      cwd: dir,
      env: runEnv,
      encoding: 'utf8',
    });
    fs.writeFileSync(path.join(dir, 'log'), `${r.stdout}${r.stderr}`);
    return { ...r, secs: ((Date.now() - t) / 1000).toFixed(1) };
  };
  const same = (f) => fs.existsSync(f) && fs.readFileSync(f).equals(full);
  const jobState = (name) =>
    JSON.parse(fs.readFileSync(path.join(state, 'jobs', `${name}.json`), 'utf8'));
  const volume = path.join(state, 'volumes', claim);
  const edits = realKubectl
    ? `kubectl ${kubectlVersion(realKubectl)} --local edits`
    : 'stand-in --local edits';

  let r = run(path.join(work, 'run-all'), []);
  check(
    `run.sh: all ${job.spec.completions} shards, merge, kubectl cp: sweep.csv byte-identical to the unsharded run (${r.secs} s; ${edits})`,
    r.status === 0 && same(path.join(work, 'run-all/sweep.csv')),
    `exit ${r.status}: ${tail(r)}`,
  );

  const k = 5;
  fs.rmSync(path.join(volume, 'sweep'), { recursive: true, force: true });
  fs.mkdirSync(path.join(volume, 'sweep', `shard-${k}.jsonl`), { recursive: true });
  r = run(path.join(work, 'run-fail'), []);
  let js = fs.existsSync(path.join(state, 'jobs/ai-econ-sweep.json'))
    ? jobState('ai-econ-sweep')
    : {};
  check(
    `a shard that exits 2 is not retried (attempts of shard ${k}: ${js.attempts?.[k]}), the Job fails with failedIndexes ${js.failedIndexes}`,
    js.attempts?.[k] === 1 && js.failedIndexes === String(k) && js.condition === 'Failed',
  );
  check(
    `run.sh exits 2 with the merge's message naming shard-${k}.jsonl, no sweep.csv`,
    r.status === 2 &&
      new RegExp(`sweep merge: .*shard-${k}\\.jsonl`).test(r.stderr) &&
      !fs.existsSync(path.join(volume, 'sweep/sweep.csv')) &&
      !fs.existsSync(path.join(work, 'run-fail/sweep.csv')),
    `exit ${r.status}: ${tail(r)}`,
  );
  fs.rmdirSync(path.join(volume, 'sweep', `shard-${k}.jsonl`));
  r = run(path.join(work, 'run-fail'), [String(k)]);
  js = fs.existsSync(path.join(state, `jobs/ai-econ-sweep-${k}.json`))
    ? jobState(`ai-econ-sweep-${k}`)
    : {};
  check(
    `run.sh ${k}: a Job of shard ${k} alone (completions ${js.completions}), merge: sweep.csv byte-identical to the unsharded run (${r.secs} s)`,
    r.status === 0 && js.completions === 1 && same(path.join(work, 'run-fail/sweep.csv')),
    `exit ${r.status}: ${tail(r)}`,
  );
  process.exitCode = failed ? 1 : 0;
}

const tail = (r) => `${r.stdout}${r.stderr}`.trim().split('\n').slice(-3).join(' | ');

function kubectlVersion(bin) {
  const r = spawnSync(bin, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout).clientVersion.gitVersion;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------
// The stand-in kubectl: the subcommands run.sh uses, on a cluster that is a folder ($FAKE_K8S).
function fakeKubectl(args) {
  const state = process.env.FAKE_K8S;
  const die = (msg) => {
    console.error(`error: ${msg}`);
    process.exit(1);
  };
  const file = (kind, name) => path.join(state, kind, `${name}.json`);
  const save = (kind, name, obj) => {
    fs.mkdirSync(path.join(state, kind), { recursive: true });
    fs.writeFileSync(file(kind, name), JSON.stringify(obj));
  };
  const read = (kind, name) =>
    fs.existsSync(file(kind, name)) ? JSON.parse(fs.readFileSync(file(kind, name), 'utf8')) : null;
  const opt = (name) => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
    if (i < 0) return undefined;
    return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
  };
  const input = () => {
    const f = opt('-f');
    return YAML.parseAllDocuments(
      f === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(f, 'utf8'),
    )
      .map((d) => d.toJS())
      .filter(Boolean);
  };
  const [verb] = args;

  if (args.includes('--local')) {
    const real = process.env.FAKE_K8S_KUBECTL;
    if (real) {
      const r = spawnSync(real, args, { stdio: ['inherit', 'inherit', 'inherit'] });
      process.exit(r.status ?? 1);
    }
    const [obj] = input();
    if (verb === 'patch') Object.assign(obj, mergePatch(obj, JSON.parse(opt('-p'))));
    else if (verb === 'set' && args[1] === 'env') {
      const c = obj.spec.template.spec.containers.find((x) => x.name === opt('-c'));
      for (const kv of args.slice(2).filter((a) => /^[A-Z_]+=/.test(a))) {
        const [name, value] = [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
        c.env = [...(c.env ?? []).filter((e) => e.name !== name), { name, value }];
      }
    } else die(`stand-in: no --local ${verb}`);
    process.stdout.write(YAML.stringify(obj));
    return;
  }

  switch (verb) {
    case 'apply':
      for (const obj of input()) {
        const name = obj.metadata.name;
        if (obj.kind === 'PersistentVolumeClaim') {
          fs.mkdirSync(path.join(state, 'volumes', name), { recursive: true });
          console.log(`persistentvolumeclaim/${name} created`);
        } else if (obj.kind === 'Job') {
          if (read('jobs', name))
            die(`jobs.batch "${name}" already exists with an immutable template`);
          validateJob(obj, die);
          save('jobs', name, runJob(obj, state));
          console.log(`job.batch/${name} created`);
        } else if (obj.kind === 'Pod') {
          save('pods', name, obj);
          console.log(`pod/${name} created`);
        } else die(`stand-in: cannot apply ${obj.kind}`);
      }
      return;
    case 'delete': {
      const kind = args[1];
      for (const name of args.slice(2).filter((a) => !a.startsWith('-'))) {
        const f = file(kind === 'job' ? 'jobs' : 'pods', name);
        if (fs.existsSync(f)) fs.rmSync(f);
        else if (!args.includes('--ignore-not-found')) die(`${kind} "${name}" not found`);
      }
      return;
    }
    case 'wait': {
      const [kind, name] = args.find((a) => a.includes('/')).split('/');
      const want = opt('--for').replace('condition=', '');
      if (kind === 'pod') return read('pods', name) ? undefined : die(`pod ${name} not found`);
      const j = read('jobs', name);
      if (!j) die(`job ${name} not found`);
      if (j.condition.toLowerCase() === want.toLowerCase()) return;
      setTimeout(() => process.exit(1), 24 * 3600 * 1000); // never met: as kubectl, until --timeout
      return;
    }
    case 'get': {
      const j = read('jobs', args[2]);
      if (!j) die(`job ${args[2]} not found`);
      const q = opt('-o');
      if (/failedIndexes/.test(q)) process.stdout.write(j.failedIndexes ?? '');
      else if (/type=="Complete"/.test(q))
        process.stdout.write(j.condition === 'Complete' ? 'True' : '');
      else die(`stand-in: get -o ${q}`);
      return;
    }
    case 'logs': {
      const j = read('jobs', args[1].replace('job/', ''));
      if (!j) die(`${args[1]} not found`);
      process.stdout.write(j.logs);
      return;
    }
    case 'cp': {
      const [pod, from] = args[1].split(':');
      const p = read('pods', pod);
      if (!p) die(`pod ${pod} not found`);
      fs.copyFileSync(podPath(p.spec, p.spec.containers[0], from, state), args[2]);
      return;
    }
    default:
      die(`stand-in: no ${args.join(' ')}`);
  }
}

// RFC 7386 JSON merge patch (kubectl patch --type merge).
function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

// What the API server rejects in these fields (batch/v1 validation).
function validateJob(job, die) {
  const s = job.spec;
  const pod = s.template.spec;
  const indexed = s.completionMode === 'Indexed';
  if (s.backoffLimitPerIndex !== undefined && (!indexed || pod.restartPolicy !== 'Never'))
    die('spec.backoffLimitPerIndex: requires completionMode Indexed and restartPolicy Never');
  if (s.maxFailedIndexes !== undefined) {
    if (s.backoffLimitPerIndex === undefined)
      die('spec.maxFailedIndexes: requires backoffLimitPerIndex');
    if (s.maxFailedIndexes > s.completions)
      die('spec.maxFailedIndexes: must be less than or equal to completions');
  }
  if (s.podFailurePolicy) {
    if (pod.restartPolicy !== 'Never') die('spec.podFailurePolicy: requires restartPolicy Never');
    for (const r of s.podFailurePolicy.rules) {
      if (r.action === 'FailIndex' && s.backoffLimitPerIndex === undefined)
        die('spec.podFailurePolicy.rules.action: FailIndex requires backoffLimitPerIndex');
      const c = r.onExitCodes?.containerName;
      if (c && !pod.containers.some((x) => x.name === c))
        die(`spec.podFailurePolicy.rules.onExitCodes.containerName: no container ${c}`);
    }
  }
  for (const c of pod.containers)
    for (const m of c.volumeMounts ?? [])
      if (!pod.volumes?.some((v) => v.name === m.name)) die(`volumeMounts: no volume ${m.name}`);
}

// A path inside a container, on the volume folder that is mounted there.
function podPath(pod, c, p, state) {
  for (const m of c.volumeMounts ?? []) {
    const claim = pod.volumes.find((v) => v.name === m.name).persistentVolumeClaim.claimName;
    if (p === m.mountPath || p.startsWith(`${m.mountPath}/`))
      return path.join(state, 'volumes', claim) + p.slice(m.mountPath.length);
  }
  throw new Error(`${p} is on no volume`);
}

// Runs every index's pod (one after the other), retrying as the Job would.
function runJob(job, state) {
  const s = job.spec;
  const pod = s.template.spec;
  const c = pod.containers[0];
  const n = s.completions ?? 1;
  const rules = s.podFailurePolicy?.rules ?? [];
  const attempts = [];
  const failed = [];
  let logs = '';
  let total = 0;
  for (let i = 0; i < n; i++) {
    attempts[i] = 0;
    for (;;) {
      attempts[i]++;
      const r = runPod(pod, c, s.completionMode === 'Indexed' ? i : undefined, state);
      logs += r.stdout + r.stderr;
      if (r.status === 0) break;
      total++;
      const rule = rules.find(
        (x) =>
          x.onExitCodes &&
          (!x.onExitCodes.containerName || x.onExitCodes.containerName === c.name) &&
          (x.onExitCodes.operator === 'In') === x.onExitCodes.values.includes(r.status),
      );
      if (rule?.action === 'FailIndex' || rule?.action === 'FailJob') {
        failed.push(i);
        break;
      }
      if (rule?.action === 'Ignore') continue;
      if (
        s.backoffLimitPerIndex !== undefined
          ? attempts[i] > s.backoffLimitPerIndex
          : total > (s.backoffLimit ?? 6)
      ) {
        failed.push(i);
        break;
      }
    }
  }
  return {
    completions: n,
    attempts,
    failedIndexes: failed.length ? failed.join(',') : undefined,
    condition: failed.length ? 'Failed' : 'Complete',
    logs,
  };
}

function runPod(pod, c, index, state) {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const e of c.env ?? []) {
    if (e.value !== undefined) env[e.name] = e.value;
    else if (e.valueFrom?.resourceFieldRef) {
      const f = e.valueFrom.resourceFieldRef;
      const req = c.resources?.requests?.[f.resource.replace('requests.', '')];
      env[e.name] = String(Math.ceil(cpu(req) / cpu(f.divisor ?? '1')));
    }
  }
  if (process.env.SWEEP && env.SWEEP) env.SWEEP = process.env.SWEEP; // the test's small grid
  if (index !== undefined) env.JOB_COMPLETION_INDEX = String(index);
  const [cmd, ...rest] = [...(c.command ?? []), ...(c.args ?? [])];
  const argv = rest.map((a) =>
    a.replace(/(^|[\s"'=:])(\/[^\s"']*)/g, (all, pre, p) => {
      try {
        return pre + podPath(pod, c, p, state);
      } catch {
        return all;
      }
    }),
  );
  const cwd = fs.mkdtempSync(path.join(state, 'pod-'));
  const r = spawnSync(cmd, argv, { env, cwd, encoding: 'utf8' });
  fs.rmSync(cwd, { recursive: true, force: true });
  return r;
}

const cpu = (q) => (String(q).endsWith('m') ? Number(String(q).slice(0, -1)) / 1000 : Number(q));

if (process.argv[2] === '--kubectl') fakeKubectl(process.argv.slice(3));
else if (process.argv[2] === '--docker')
  console.error(`(docker stand-in) docker ${process.argv.slice(3).join(' ')}`);
else main(process.argv[2], process.argv[3]);
