import { Testing } from 'cdktf';

Testing.setupJest();

// The matchers cdktf registers, typed (as the cdktf TypeScript template does).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveResource(resource: { tfResourceType: string }): R;
      toHaveResourceWithProperties(resource: { tfResourceType: string }, properties: Record<string, unknown>): R;
      toHaveDataSource(dataSource: { tfResourceType: string }): R;
      toHaveDataSourceWithProperties(dataSource: { tfResourceType: string }, properties: Record<string, unknown>): R;
      toHaveProvider(provider: { tfResourceType: string }): R;
      toHaveProviderWithProperties(provider: { tfResourceType: string }, properties: Record<string, unknown>): R;
    }
  }
}
