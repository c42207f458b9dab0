import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../src/projectRoot';

// The composition root builds in dependency order: no name is used (not even inside a closure that
// runs later) above the line that declares it. The TypeScript compiler resolves each name; across
// modules, .dependency-cruiser.js keeps the steps in order (rule composition-in-order).

interface ForwardReference {
  file: string;
  name: string;
  usedAt: number;
  declaredAt: number;
}

function forwardReferences(files: string[], host?: ts.CompilerHost): ForwardReference[] {
  const program = ts.createProgram(files, { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, strict: true, noEmit: true }, host);
  const checker = program.getTypeChecker();
  const found: ForwardReference[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`not compiled: ${file}`);
    const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) {
        const declaration = checker.getSymbolAtLocation(node)?.valueDeclaration;
        const local = declaration && declaration.getSourceFile() === source && (ts.isVariableDeclaration(declaration) || ts.isBindingElement(declaration));
        if (local && declaration.name !== node && node.getStart(source) < declaration.getStart(source)) {
          found.push({ file: path.relative(PROJECT_ROOT, file), name: node.text, usedAt: line(node.getStart(source)), declaredAt: line(declaration.getStart(source)) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

const compositionFiles = () => [
  path.join(PROJECT_ROOT, 'src/app.ts'),
  ...readdirSync(path.join(PROJECT_ROOT, 'src/composition')).map((name) => path.join(PROJECT_ROOT, 'src/composition', name)),
];

describe('the composition root (src/app.ts and src/composition/)', () => {
  it('uses nothing before the line that declares it, not even in a closure', () => {
    const files = compositionFiles();
    expect(files.length).toBeGreaterThan(5);
    expect(forwardReferences(files)).toEqual([]);
  });

  it('finds a forward reference hidden in a closure, as buildApp once had', () => {
    const fixture = path.join(PROJECT_ROOT, 'src/composition/__fixture__.ts');
    const text = [
      'export function build() {',
      '  const early = { read: () => late.value };',
      '  const late = { value: 1 };',
      '  return early;',
      '}',
    ].join('\n');
    const host = ts.createCompilerHost({});
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (name) => (name === fixture ? text : readFile(name));
    host.fileExists = (name) => name === fixture || fileExists(name);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (name, language) => (name === fixture ? ts.createSourceFile(name, text, language) : getSourceFile(name, language));
    expect(forwardReferences([fixture], host)).toEqual([{ file: 'src/composition/__fixture__.ts', name: 'late', usedAt: 2, declaredAt: 3 }]);
  });
});
