import * as vscode from 'vscode';

/**
 * Commands whose code stays out of the main bundle (esbuild.js puts what `load` imports into a
 * lazy file): stand-ins are registered now under `ids`; the first run of any of them loads the
 * module, swaps every stand-in for the real commands in one synchronous step (so none is ever
 * missing, and a second run while loading waits for the same load), then runs the real command
 * with the same arguments and returns its result.
 */
export function lazyCommands<M>(ids: readonly string[], load: () => Promise<M>, register: (module: M) => vscode.Disposable): vscode.Disposable {
  let real: vscode.Disposable | undefined;
  let loading: Promise<void> | undefined;
  let disposed = false;
  const standIns = ids.map((id) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      loading ??= load().then((module) => {
        if (disposed) return;
        for (const standIn of standIns) standIn.dispose();
        real = register(module);
      });
      await loading;
      return disposed ? undefined : vscode.commands.executeCommand(id, ...args);
    }),
  );
  return new vscode.Disposable(() => {
    disposed = true;
    for (const standIn of standIns) standIn.dispose();
    real?.dispose();
  });
}

/**
 * Language-model tools whose code stays out of the main bundle, as `lazyCommands` does for
 * commands: stand-ins are registered now under `names`, and forward every call to the real tool;
 * the first call loads the module, and `define` declares the real tools through the
 * `registerTool` it is given (which keeps them for the stand-ins instead of registering them).
 */
export function lazyTools<M>(
  names: readonly string[],
  load: () => Promise<M>,
  define: (module: M, registerTool: typeof vscode.lm.registerTool) => unknown,
): vscode.Disposable {
  let tools: Promise<Map<string, vscode.LanguageModelTool<unknown>>> | undefined;
  const real = async (name: string): Promise<vscode.LanguageModelTool<unknown>> => {
    tools ??= load().then((module) => {
      const defined = new Map<string, vscode.LanguageModelTool<unknown>>();
      define(module, (toolName, tool) => {
        defined.set(toolName, tool as vscode.LanguageModelTool<unknown>);
        return new vscode.Disposable(() => defined.delete(toolName));
      });
      return defined;
    });
    const tool = (await tools).get(name);
    if (!tool) throw new Error(`the tool ${name} is not defined by its module`);
    return tool;
  };
  return vscode.Disposable.from(
    ...names.map((name) =>
      vscode.lm.registerTool<unknown>(name, {
        prepareInvocation: async (options, token) => (await real(name)).prepareInvocation?.(options, token),
        invoke: async (options, token) => (await real(name)).invoke(options, token),
      }),
    ),
  );
}
