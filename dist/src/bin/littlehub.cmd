@echo off
rem littlehub from a release archive: the CLI's jar on the archive's own Java runtime.
"%~dp0..\runtime\bin\java.exe" -XX:TieredStopAtLevel=1 -jar "%~dp0..\lib\littlehub.jar" %*
exit /b %ERRORLEVEL%
