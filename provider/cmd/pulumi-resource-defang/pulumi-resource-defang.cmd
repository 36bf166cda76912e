@echo off
rem pulumi-resource-defang on Windows: the Pulumi engine starts this plugin (it probes .exe, then .cmd);
rem it runs the bundled provider beside this file with Node.js (>= 20 on PATH, or PULUMI_DEFANG_NODE).
setlocal
set "NODE=node"
if defined PULUMI_DEFANG_NODE set "NODE=%PULUMI_DEFANG_NODE%"
if not exist "%~dp0provider.js" (
    echo pulumi-resource-defang: provider.js not found beside %~dp0 1>&2
    exit /b 1
)
"%NODE%" "%~dp0provider.js" %*
exit /b %ERRORLEVEL%
